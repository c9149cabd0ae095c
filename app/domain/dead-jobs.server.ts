// The Dead jobs page's one change: a staff member gives a dead job of the shop a fresh set of
// attempts (app/jobs/dead-jobs.server.ts), recorded in the audit trail with what the job does.
import { z } from "zod";
import type { Database } from "~/db.server";
import { formRecordId } from "~/domain/form-schema";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { retryDeadJob } from "~/jobs/dead-jobs.server";
import { UNREADABLE_WEBHOOK_JOB } from "~/shopify/webhook-job";

/** What each kind of background work does, in the merchant's words (its type otherwise). */
const JOB_NAMES: Record<string, string> = { "code-sync": "Sync a campaign's codes to Shopify", [UNREADABLE_WEBHOOK_JOB]: "Read a notification from Shopify" };

export const jobName = (type: string) => JOB_NAMES[type] ?? type;

/** The Retry button's form: the job it retries. */
export const retryJobFormSchema = z.object({ jobId: formRecordId });

/** Retries the shop's dead job and records who did; false when the shop has no such dead job. */
export async function retryDeadJobBy(db: Database, shopDomain: string, jobId: number, actor: Actor): Promise<boolean> {
  const job = await db.job.findFirst({ where: { id: jobId, shopDomain, status: "dead" }, select: { type: true, attempts: true } });
  if (!job || !(await retryDeadJob(db, shopDomain, jobId))) return false;
  await recordAudit(db, {
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
}
