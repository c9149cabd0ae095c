import { MAX_IMPORT_BYTES } from "~/domain/pools/import-source";

// What is drained of a refused upload before its answer; a larger rest is cut off.
const DRAINED_AT_MOST = MAX_IMPORT_BYTES + 1024 * 1024;

/**
 * A request body read as chunks. Stopping early (a file refused at its first rows) does not
 * cancel the body: cancelling it closes the socket while the browser is still sending, which the
 * browser sees as a reset connection (Chromium then retries the upload, into "This import has
 * already received its file") and the real answer is lost. `drain` reads the rest away first.
 */
export function uploadBody(request: Request, drainedAtMost = DRAINED_AT_MOST) {
  const reader = request.body?.getReader();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (!reader) return;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  }
  return {
    chunks: chunks(),
    async drain() {
      if (!reader) return;
      for (let drained = 0; drained <= drainedAtMost;) {
        const { done, value } = await reader.read();
        if (done) return;
        drained += value.length;
      }
      await reader.cancel();
    },
  };
}
