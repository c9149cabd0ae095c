import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PoolRef } from "~/domain/pools/pools.server";

const CHILD = fileURLToPath(new URL("./import-child-main.ts", import.meta.url));

/** A CSV file of `count` codes PREFIX-1 … PREFIX-count under a "code" header. */
export async function writeCodeFile(file: string, prefix: string, count: number) {
  const out = createWriteStream(file);
  out.write("code\n");
  let chunk = "";
  for (let index = 1; index <= count; index++) {
    chunk += `${prefix}-${index}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

/**
 * Runs the import in a process of its own and kills it (SIGKILL) at a random moment within
 * `window` ms of its start; "finished" when the import completed before that moment.
 */
export async function killImportAtRandom({
  pool,
  importId,
  codes,
  prefix,
  window = 2_000,
  databaseUrl = process.env.DATABASE_URL,
}: {
  pool: PoolRef;
  importId: number;
  codes: number;
  prefix: string;
  window?: number;
  databaseUrl?: string;
}): Promise<{ outcome: "killed" | "finished"; afterMs: number }> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "promoguard-kill-"));
  const file = path.join(directory, "codes.csv");
  try {
    await writeCodeFile(file, prefix, codes);
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, pool.shopDomain, String(pool.id), String(importId), file], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    const exited = once(child, "exit");
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (data: Buffer) => {
        output += data.toString();
        if (output.includes("started")) resolve();
      });
      void exited.then(() => reject(new Error(`The import process ended before it started: ${output}`)));
    });
    const started = performance.now();
    // The kill comes at a random moment of the window, unless the import finishes first.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, Math.random() * window))), exited]);
    clearTimeout(timer);
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
    return { outcome: output.includes("done COMPLETED") ? "finished" : "killed", afterMs: performance.now() - started };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
