import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { isPostgresDatabase } from "~/database-dialect";
import { isUniqueViolation } from "~/database-errors";
import { backoffDelay, type BackoffPolicy } from "~/lib/backoff";

export type JobStatus = "queued" | "running" | "succeeded" | "dead";

export interface NewJob {
  shopDomain: string;
  type: string;
  payload?: unknown;
  runAt?: Date;
  /** At most one queued job per key: enqueueing again only moves the queued one earlier. */
  dedupeKey?: string;
  /** Jobs sharing this key never run at the same time. */
  concurrencyKey?: string;
  maxAttempts?: number;
}

/** A job a worker holds: `lease` proves it still does (a reclaimed job gets a new one). */
export interface ClaimedJob {
  id: number;
  shopDomain: string;
  type: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lease: string;
}

export const RETRY_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 60 * 60_000 };

/** Thrown when a worker finds that its job's lease was taken over: it must stop touching the job. */
export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`Job ${jobId} was taken over by another worker after its lease expired`);
  }
}

/** Queues a job (idempotently when it has a dedupeKey); returns its id and whether it is new. */
export async function enqueueJob(db: Database, job: NewJob, now = new Date()): Promise<{ id: number; created: boolean }> {
  const runAt = job.runAt ?? now;
  const data = {
    shopDomain: job.shopDomain,
    type: job.type,
    payload: JSON.stringify(job.payload ?? {}),
    runAt,
    dedupeKey: job.dedupeKey ?? null,
    concurrencyKey: job.concurrencyKey ?? null,
    ...(job.maxAttempts === undefined ? {} : { maxAttempts: job.maxAttempts }),
  };
  // A queued job with the key may be claimed (releasing the key) between the failed insert and
  // the lookup; the insert is then simply tried again.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const created = await db.job.create({ data, select: { id: true } });
      return { id: created.id, created: true };
    } catch (error) {
      if (!job.dedupeKey || !isUniqueViolation(error)) throw error;
    }
    await db.job.updateMany({ where: { dedupeKey: job.dedupeKey, status: "queued", runAt: { gt: runAt } }, data: { runAt } });
    const queued = await db.job.findUnique({ where: { dedupeKey: job.dedupeKey }, select: { id: true } });
    if (queued) return { id: queued.id, created: false };
  }
  throw new Error(`Could not enqueue the ${job.type} job ${job.dedupeKey}: its queued twin kept changing`);
}

// The advisory locks' namespace on PostgreSQL: (JOB_CONCURRENCY_LOCK, hashtext(concurrencyKey)).
const JOB_CONCURRENCY_LOCK = 7_150_001;
// A claim that lost a race for a concurrency key looks again this many times before it reports
// that nothing is due.
const MAX_CLAIM_ATTEMPTS = 5;

interface ClaimedRow {
  id: number;
  shopDomain: string;
  type: string;
  payload: string;
  attempts: number | bigint;
  maxAttempts: number | bigint;
}

/** A job may be claimed when it is due, or when it runs under a lease that expired. */
function claimable(alias: string, now: Date) {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.sql`((${column("status")} = 'queued' AND ${column("runAt")} <= ${now})
    OR (${column("status")} = 'running' AND ${column("leaseExpiresAt")} <= ${now}))`;
}

/**
 * Claims the next due job with ONE conditional UPDATE: it takes the job only if the job is
 * still claimable when the row is written, so two workers (in one process or two) can never
 * both get it — SQLite serialises the statements, PostgreSQL re-checks the WHERE clause on the
 * row a concurrent claimer committed and updates nothing. A job whose concurrencyKey is held
 * by a running job under a live lease waits its turn. Null when nothing is due.
 *
 * On PostgreSQL claims run side by side: the candidate is locked FOR UPDATE SKIP LOCKED, so a
 * claim never waits behind a job row another worker is claiming, completing or extending. Only
 * a job with a concurrencyKey needs more, because the rule reads the other jobs of its key,
 * which a claim committing at the same moment would change unseen (SQLite's single writer gives
 * this for free): the first statement takes a transaction-scoped advisory lock on the key (not
 * waiting for it: a key another claim holds is that claim's) and remembers the candidate in a
 * transaction-local setting; the UPDATE, a second statement and so with a snapshot taken after
 * the lock, re-checks the rule and claims it. Claims of different keys, or of none, never
 * serialise.
 */
export async function claimJob(db: Database, options: { workerId: string; leaseMs: number; now?: Date }): Promise<ClaimedJob | null> {
  const now = options.now ?? new Date();
  const lease = `${options.workerId}/${randomUUID()}`;
  const leaseExpiresAt = new Date(now.getTime() + options.leaseMs);
  const keyIsFree = (alias: string) => {
    const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
    return Prisma.sql`(${column("concurrencyKey")} IS NULL OR NOT EXISTS (
      SELECT 1 FROM "Job" other WHERE other."concurrencyKey" = ${column("concurrencyKey")} AND other."id" <> ${column("id")}
        AND other."status" = 'running' AND other."leaseExpiresAt" > ${now}))`;
  };
  const candidate = (columns: string, lock: Prisma.Sql) => Prisma.sql`
    SELECT ${Prisma.raw(columns)} FROM "Job" j
    WHERE ${claimable("j", now)} AND ${keyIsFree("j")}
    ORDER BY j."runAt", j."id" LIMIT 1${lock}`;
  const update = (target: Prisma.Sql) => Prisma.sql`
    UPDATE "Job" SET "status" = 'running', "leaseOwner" = ${lease}, "leaseExpiresAt" = ${leaseExpiresAt},
      "attempts" = "attempts" + 1, "dedupeKey" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${target} AND ${claimable('"Job"', now)} AND ${keyIsFree('"Job"')}
    RETURNING "id", "shopDomain", "type", "payload", "attempts", "maxAttempts"`;

  let row: ClaimedRow | undefined;
  if (isPostgresDatabase(db)) {
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS && !row; attempt++) {
      const [found, claimed] = await db.$transaction([
        db.$queryRaw<{ id: number; held: boolean }[]>`
          SELECT c."id", CASE WHEN c."concurrencyKey" IS NULL OR pg_try_advisory_xact_lock(${JOB_CONCURRENCY_LOCK}, hashtext(c."concurrencyKey"))
            THEN set_config('promoguard.job_claim', c."id"::text, true) IS NOT NULL ELSE false END AS "held"
          FROM (${candidate(`j."id", j."concurrencyKey"`, Prisma.sql` FOR UPDATE OF j SKIP LOCKED`)}) c`,
        db.$queryRaw<ClaimedRow[]>(update(Prisma.sql`NULLIF(current_setting('promoguard.job_claim', true), '')::integer`)),
      ]);
      row = claimed[0];
      // Nothing due: done. A candidate lost to a concurrent claim (its key, or the row, taken
      // meanwhile) is worth another look: the next due job may be free.
      if (found.length === 0) break;
    }
  } else {
    row = (await db.$queryRaw<ClaimedRow[]>(update(Prisma.sql`(${candidate(`j."id"`, Prisma.empty)})`)))[0];
  }
  if (!row) return null;
  return {
    id: row.id,
    shopDomain: row.shopDomain,
    type: row.type,
    payload: JSON.parse(row.payload),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    lease,
  };
}

const heldBy = (job: ClaimedJob) => ({ id: job.id, status: "running", leaseOwner: job.lease });

/** Pushes the lease further while a long job makes progress; throws LeaseLostError if it was taken. */
export async function extendLease(db: Database, job: ClaimedJob, leaseMs: number, now = new Date()): Promise<void> {
  const { count } = await db.job.updateMany({ where: heldBy(job), data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) } });
  if (count === 0) throw new LeaseLostError(job.id);
}

/** Marks the job done; false when the worker no longer held it (its result is then ignored). */
export async function completeJob(db: Database, job: ClaimedJob, now = new Date()): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: heldBy(job),
    data: { status: "succeeded", finishedAt: now, leaseOwner: null, leaseExpiresAt: null, lastError: null },
  });
  return count === 1;
}

/**
 * Records a failed attempt: the job is queued again after an exponential, jittered pause, or
 * declared dead once it used all its attempts (or when the failure is permanent).
 */
export async function failJob(
  db: Database,
  job: ClaimedJob,
  error: unknown,
  options: { now?: Date; permanent?: boolean; random?: () => number } = {},
): Promise<JobStatus | null> {
  const now = options.now ?? new Date();
  const lastError = error instanceof Error ? error.message : String(error);
  const dead = options.permanent === true || job.attempts >= job.maxAttempts;
  const { count } = await db.job.updateMany({
    where: heldBy(job),
    data: dead
      ? { status: "dead", lastError, finishedAt: now, leaseOwner: null, leaseExpiresAt: null }
      : {
          status: "queued",
          lastError,
          leaseOwner: null,
          leaseExpiresAt: null,
          runAt: new Date(now.getTime() + backoffDelay(job.attempts, RETRY_BACKOFF, options.random)),
        },
  });
  if (count === 0) return null;
  return dead ? "dead" : "queued";
}

/** Forgets jobs that succeeded before `before`: they only served while they ran. Dead jobs stay. */
export async function pruneSucceededJobs(db: Database, before: Date): Promise<number> {
  const { count } = await db.job.deleteMany({ where: { status: "succeeded", finishedAt: { lt: before } } });
  return count;
}
