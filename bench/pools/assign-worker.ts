// One process of a concurrent assignment run: opens its own connection to the database file,
// runs `count` assignments through assignCoupon with `concurrency` callers in flight at a time,
// and reports each assignment's code and latency to its parent. Used by the benchmark and by
// test/pools (several of these processes make the concurrency real, not simulated).
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { openPoolStore } from "~/domain/pools/store.server";

export interface AssignWorkerTask {
  databaseUrl: string;
  pool: { id: number; shopDomain: string };
  count: number;
  concurrency: number;
  /** Distinguishes this worker's emails (and idempotency keys, when used). */
  label: string;
  idempotent?: boolean;
  /** Epoch milliseconds at which to start, so that every process starts together. */
  startAt?: number;
}

export interface AssignWorkerReport {
  codes: string[];
  latenciesMs: number[];
  emptyPoolErrors: number;
  /** Epoch milliseconds of the first call and of the last answer. */
  startedAt: number;
  finishedAt: number;
}

async function run(task: AssignWorkerTask): Promise<AssignWorkerReport> {
  const store = openPoolStore(task.databaseUrl);
  const report: AssignWorkerReport = { codes: [], latenciesMs: [], emptyPoolErrors: 0, startedAt: 0, finishedAt: 0 };
  if (task.startAt) await delay(Math.max(0, task.startAt - Date.now()));
  report.startedAt = Date.now();
  let next = 0;
  const caller = async () => {
    while (next < task.count) {
      const index = next++;
      const started = performance.now();
      try {
        const { assignment } = await assignCoupon(store, task.pool, {
          email: `${task.label}-${index}@example.com`,
          source: "api",
          idempotencyKey: task.idempotent ? `${task.label}-${index}` : null,
        });
        report.codes.push(assignment.code);
      } catch (error) {
        if ((error as { reason?: string }).reason !== "POOL_EMPTY") throw error;
        report.emptyPoolErrors++;
      }
      report.latenciesMs.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: task.concurrency }, caller));
  report.finishedAt = Date.now();
  store.close();
  return report;
}

process.once("message", (task: AssignWorkerTask) => {
  run(task).then(
    (report) => process.send!(report, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
