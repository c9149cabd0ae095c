import type { Pool } from "~/domain/pools/pools.server";
import { createImport, runImport, type ImportSummary } from "~/domain/pools/imports.server";
import { poolStore, type PoolStore } from "~/domain/pools/store.server";

/** The pools store of this test file's database (DATABASE_URL is set per file by the setup). */
export function testStore(): PoolStore {
  return poolStore();
}

export { givenPool } from "../support/factories";

/** Text as the chunked byte stream an upload arrives as. */
export async function* bytesOf(text: string | Buffer, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
}

/** Creates an import and runs it on `content`. */
export async function importInto(pool: Pool, content: string | Buffer, options: { maxBytes?: number; now?: Date } = {}): Promise<ImportSummary> {
  const job = await createImport(testStore(), pool, { source: "csv", fileName: "codes.csv", totalBytes: content.length });
  return runImport(testStore(), pool, job.id, bytesOf(content), options);
}

/** `count` codes named PREFIX-1 … PREFIX-count, one per line under a "code" header. */
export function codeList(prefix: string, count: number): string {
  return ["code", ...Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`)].join("\n") + "\n";
}

/** An upload that stops after the first half of `content` until released. */
export function pausedUpload(content: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const half = content.indexOf("\n", content.length / 2) + 1;
  async function* chunks() {
    yield* bytesOf(content.slice(0, half));
    await released;
    yield* bytesOf(content.slice(half));
  }
  return { chunks: chunks(), release };
}
