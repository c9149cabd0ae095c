import { z } from "zod";
import type { Database } from "~/db.server";
import { formRecordId } from "~/domain/form-schema";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { UNREADABLE_WEBHOOK_JOB } from "~/shopify/webhook-job";

/** What each kind of background work does, in the merchant's words (its type otherwise). */
const JOB_NAMES: Record<string, string> = { "code-sync": "Sync a campaign's codes to Shopify", [UNREADABLE_WEBHOOK_JOB]: "Read a notification from Shopify" };

export const jobName = (type: string) => JOB_NAMES[type] ?? type;

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

/** The Retry button's form: the job it retries. */
export const retryJobFormSchema = z.object({ jobId: formRecordId });

/**
 * Gives a dead job of the shop a fresh set of attempts, due now, and records who did in the audit
 * trail. False when the shop has no such dead job (another shop's job looks absent).
 */
export async function retryDeadJob(db: Database, shopDomain: string, jobId: number, actor: Actor, now = new Date()): Promise<boolean> {
  if (!Number.isSafeInteger(jobId)) return false;
  return db.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id: jobId, shopDomain, status: "dead" }, select: { type: true, attempts: true } });
    if (!job) return false;
    const { count } = await tx.job.updateMany({
      where: { id: jobId, shopDomain, status: "dead" },
      data: { status: "queued", attempts: 0, runAt: now, finishedAt: null },
    });
    if (count !== 1) return false;
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "job.retry",
      entityType: "job",
      entityId: jobId,
      entityLabel: jobName(job.type),
      before: { status: "dead", attempts: job.attempts },
      after: { status: "queued", attempts: 0 },
    });
    return true;
  });
}
