import type { Database } from "~/db.server";

export interface DeadJob {
  id: number;
  type: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
}

const SHOWN = 100;

/** The shop's dead jobs, most recent first. */
export async function listDeadJobs(db: Database, shopDomain: string): Promise<DeadJob[]> {
  const jobs = await db.job.findMany({
    where: { shopDomain, status: "dead" },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: SHOWN,
    select: { id: true, type: true, attempts: true, lastError: true, finishedAt: true },
  });
  return jobs.map(({ finishedAt, ...job }) => ({ ...job, failedAt: finishedAt }));
}

/**
 * Gives a dead job of the shop a fresh set of attempts, due now. False when the shop has no
 * such dead job (another shop's job looks absent).
 */
export async function retryDeadJob(db: Database, shopDomain: string, jobId: number, now = new Date()): Promise<boolean> {
  if (!Number.isSafeInteger(jobId)) return false;
  const { count } = await db.job.updateMany({
    where: { id: jobId, shopDomain, status: "dead" },
    data: { status: "queued", attempts: 0, runAt: now, finishedAt: null },
  });
  return count === 1;
}
