import { randomUUID } from "node:crypto";
import type { Database } from "~/db.server";
import { systemClock, type Clock } from "~/lib/clock";
import { claimJob, completeJob, extendLease, failJob, LeaseLostError, type ClaimedJob } from "./queue.server";

export interface JobContext {
  db: Database;
  job: ClaimedJob;
  clock: Clock;
  /** Call between steps of long work: renews the lease, throws LeaseLostError if it was lost. */
  heartbeat(): Promise<void>;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** A failure no retry can fix: the job goes straight to dead. */
export class PermanentJobError extends Error {}

export interface JobWorkerOptions {
  db: Database;
  handlers: Record<string, JobHandler>;
  clock?: Clock;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  /** How long a claim lasts without a heartbeat; a job whose process died is reclaimed after it. */
  leaseMs?: number;
  /** Pause between looks at the queue when it is empty. */
  idleMs?: number;
  workerId?: string;
  random?: () => number;
}

export interface JobWorker {
  readonly workerId: string;
  /** Claims and runs due jobs until none is left; resolves with how many ran. */
  runDueJobs(): Promise<number>;
  /** Keeps running due jobs in the background until stop(). */
  start(): void;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
}

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, handlers } = options;
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? 2;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const idleMs = options.idleMs ?? 2_000;
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  let stopped = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  async function run(job: ClaimedJob): Promise<void> {
    const handler = handlers[job.type];
    if (!handler) {
      await failJob(db, job, new Error(`No handler for job type "${job.type}"`), { now: clock.now(), permanent: true });
      return;
    }
    // Renewing on every heartbeat would write once per batch; a third of the lease is plenty.
    let renewedAt = clock.now().getTime();
    const heartbeat = async () => {
      const now = clock.now();
      if (now.getTime() - renewedAt < leaseMs / 3) return;
      await extendLease(db, job, leaseMs, now);
      renewedAt = now.getTime();
    };
    try {
      await handler({ db, job, clock, heartbeat });
      await completeJob(db, job, clock.now());
    } catch (error) {
      if (error instanceof LeaseLostError) return;
      await failJob(db, job, error, { now: clock.now(), permanent: error instanceof PermanentJobError, random: options.random });
    }
  }

  async function lane(): Promise<number> {
    let ran = 0;
    while (!stopped) {
      const job = await claimJob(db, { workerId, leaseMs, now: clock.now() });
      if (!job) break;
      await run(job);
      ran++;
    }
    return ran;
  }

  async function runDueJobs(): Promise<number> {
    const counts = await Promise.all(Array.from({ length: concurrency }, lane));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  return {
    workerId,
    runDueJobs,
    start() {
      if (loop) return;
      stopped = false;
      loop = (async () => {
        while (!stopped) {
          try {
            await runDueJobs();
          } catch (error) {
            // The database was unreachable for a moment; the next round tries again.
            console.error("Job worker round failed", error);
          }
          if (stopped) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, idleMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      })();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
      loop = null;
    },
  };
}
