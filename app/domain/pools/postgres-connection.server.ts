import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

/**
 * A synchronous connection to PostgreSQL, so that the pool store keeps one interface on both
 * databases: its writes are short synchronous functions run inside one transaction (see
 * store.server.ts), which is what makes better-sqlite3 fast and group commit simple.
 *
 * The connection itself (node-postgres) lives in a worker thread; each call posts the statement
 * and waits on a shared flag until the worker answers (the pattern of synckit). A statement
 * costs one loopback round trip plus ~20 µs; the caller's thread waits for it as it waits for
 * SQLite's disk. Waiting on a row lock is bounded by lock_timeout, so the thread never sleeps
 * behind a transaction of its own process that needs the event loop to finish: the store rolls
 * back and retries asynchronously, as it does for SQLITE_BUSY.
 */
export interface SqlError extends Error {
  code?: string;
}

export type Row = Record<string, unknown>;

interface Answer {
  id: number;
  rows?: unknown[];
  rowCount?: number;
  error?: { message: string; code?: string; detail?: string };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
// Values as better-sqlite3 returns them: counts and ids as numbers, booleans as 1 and 0,
// instants as the fixed-width UTC text the SQLite store writes ("2026-11-22T10:00:00.000+00:00").
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));
const instant = (value) => new Date(value.replace(" ", "T") + "Z").toISOString().replace("Z", "+00:00");
pg.types.setTypeParser(1114, instant);
pg.types.setTypeParser(16, (value) => (value === "t" ? 1 : 0));
pg.types.setTypeParser(1184, (value) => new Date(value).toISOString().replace("Z", "+00:00"));
const { port, flag, url, settings } = workerData;
const client = new pg.Client({ connectionString: url });
const names = new Map();
let ready = client.connect().then(() => (settings ? client.query(settings) : undefined));
// Each answer carries its request's id; the flag counts answers, so the caller never mistakes
// an earlier answer for the one it waits for.
function answer(message) {
  port.postMessage(message);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}
client.on("error", () => {});
port.on("message", async ({ id, sql, params, mode }) => {
  try {
    await ready;
    let result;
    if (mode === "exec") {
      result = await client.query(sql);
      result = Array.isArray(result) ? result[result.length - 1] : result;
    } else {
      let name = names.get(sql);
      if (!name) { name = "s" + names.size; names.set(sql, name); }
      result = await client.query({ name, text: sql, values: params, rowMode: mode === "pluck" ? "array" : undefined });
    }
    answer({ id, rows: mode === "pluck" ? result.rows.map((row) => row[0]) : result.rows, rowCount: result.rowCount ?? 0 });
  } catch (error) {
    answer({ id, error: { message: error.message, code: error.code, detail: error.detail } });
  }
});
`;

export class PostgresConnection {
  private readonly worker: Worker;
  private readonly port;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private requests = 0;
  private answersSeen = 0;

  constructor(url: string, settings?: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, flag: this.flag, url, settings, pgPath: createRequire(import.meta.url).resolve("pg") },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Runs one statement ($1… placeholders) and returns its rows. */
  query(sql: string, params: unknown[], mode: "rows" | "pluck" | "exec" = "rows"): { rows: unknown[]; rowCount: number } {
    if (this.closed) throw new Error("The PostgreSQL connection of the pool store is closed");
    const id = ++this.requests;
    this.port.postMessage({ id, sql, params, mode });
    let answer: Answer | undefined;
    while (!answer) {
      const message = receiveMessageOnPort(this.port)?.message as Answer | undefined;
      if (message) {
        if (message.id === id) answer = message;
        continue;
      }
      // Sleeps until the worker counts another answer (bounded, should a message lag its count).
      Atomics.wait(this.flag, 0, this.answersSeen, 50);
      this.answersSeen = Atomics.load(this.flag, 0);
    }
    if (answer.error) {
      const error: SqlError = new Error(answer.error.detail ? `${answer.error.message} (${answer.error.detail})` : answer.error.message);
      error.code = answer.error.code;
      throw error;
    }
    return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}
