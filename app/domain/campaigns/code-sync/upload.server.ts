import { randomUUID } from "node:crypto";
import { addRedeemCodes, findDiscountOfCode, readBulkCreation, readBulkCreationFailures, REDEEM_CODES_PER_CALL } from "~/shopify/redeem-codes.server";
import { backoffDelay, type BackoffPolicy } from "~/lib/backoff";
import type { SyncRun } from "./context";
import { codeKey } from "~/shopify/code-key";

// Shopify usually finishes a bulk creation within seconds; polls slow down while it does not.
const POLL_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };

/** A recoverable refusal of the whole submission (the job retries later). */
export class SubmissionRefused extends Error {}

/**
 * Sends every pending code to Shopify in batches of 250, then polls the bulk creations until
 * Shopify has finished them and records each code's outcome. Crash-safe at every step:
 * - a batch is marked "submitting" (with its batch key) before it is sent, and "submitted"
 *   (with Shopify's bulk creation id) once the answer is in; a run that finds "submitted" codes
 *   polls their bulk creation and never sends them again;
 * - a run that finds "submitting" codes cannot know whether Shopify got them, so it sends them
 *   again: Shopify refuses a code that exists, and a refused code that turns out to belong to
 *   this very discount is recorded as synced. Nothing is lost, and no code is created twice.
 */
export async function uploadPendingCodes(run: SyncRun): Promise<void> {
  await run.db.codeSyncEntry.updateMany({
    where: { campaignId: run.campaignId, state: "submitting" },
    data: { state: "pending", batchKey: null },
  });
  for (;;) {
    const batch = await run.db.codeSyncEntry.findMany({
      where: { campaignId: run.campaignId, state: "pending" },
      orderBy: { id: "asc" },
      take: REDEEM_CODES_PER_CALL,
      select: { id: true, code: true },
    });
    if (batch.length === 0) break;
    await submit(run, batch);
    await run.heartbeat();
  }
  await settleSubmissions(run);
}

async function submit(run: SyncRun, batch: { id: number; code: string }[]) {
  const batchKey = randomUUID();
  await run.db.codeSyncEntry.updateMany({
    where: { id: { in: batch.map((entry) => entry.id) }, state: "pending" },
    data: { state: "submitting", batchKey },
  });
  const result = await addRedeemCodes(
    run.call,
    run.discountId,
    batch.map((entry) => entry.code),
  );
  if (!result.ok) {
    await run.db.codeSyncEntry.updateMany({ where: { batchKey }, data: { state: "pending", batchKey: null } });
    throw new SubmissionRefused(`Shopify refused the codes: ${result.userErrors.map((error) => error.message).join("; ")}`);
  }
  await run.db.codeSyncEntry.updateMany({ where: { batchKey }, data: { state: "submitted", bulkCreationId: result.bulkCreationId } });
}

/** Polls every open bulk creation of the campaign until each is done, recording the outcomes. */
async function settleSubmissions(run: SyncRun) {
  for (let round = 1; ; round++) {
    const open = await run.db.codeSyncEntry.groupBy({
      by: ["batchKey", "bulkCreationId"],
      where: { campaignId: run.campaignId, state: "submitted" },
      orderBy: { batchKey: "asc" },
    });
    if (open.length === 0) return;
    let stillRunning = 0;
    for (const submission of open) {
      if (!(await settle(run, submission as Submission))) stillRunning++;
      await run.heartbeat();
    }
    if (stillRunning > 0) await run.clock.sleep(backoffDelay(round, POLL_BACKOFF));
  }
}

interface Submission {
  batchKey: string;
  bulkCreationId: string;
}

/** Records a bulk creation's outcome once Shopify finished it; false while it runs. */
async function settle(run: SyncRun, { batchKey, bulkCreationId }: Submission): Promise<boolean> {
  const status = await readBulkCreation(run.call, bulkCreationId);
  // The batch key is indexed; the submission's codes are found through it.
  const entries = { batchKey, state: "submitted" };
  if (status === null) {
    // Shopify no longer knows the submission (it cannot be polled): send the codes again.
    await run.db.codeSyncEntry.updateMany({ where: entries, data: { state: "pending", batchKey: null, bulkCreationId: null } });
    return true;
  }
  if (!status.done) return false;
  if (status.failedCount > 0) {
    for (const failure of await readBulkCreationFailures(run.call, bulkCreationId)) {
      const outcome = await explainFailure(run, failure);
      await run.db.codeSyncEntry.updateMany({
        where: { ...entries, codeKey: codeKey(failure.code) },
        data: outcome === "ours" ? { state: "synced", batchKey: null, error: null } : { state: "failed", batchKey: null, error: outcome },
      });
    }
  }
  await run.db.codeSyncEntry.updateMany({ where: entries, data: { state: "synced", batchKey: null, error: null } });
  return true;
}

const TAKEN = "must be unique";

/** "ours" when the code is in fact on this discount already, else the merchant-facing reason. */
async function explainFailure(run: SyncRun, failure: { code: string; messages: string[] }): Promise<"ours" | string> {
  if (failure.messages.some((message) => message.includes(TAKEN))) {
    const owner = await findDiscountOfCode(run.call, failure.code);
    if (owner === run.discountId) return "ours";
    return "Another discount in your store already uses this code, so Shopify refused it. Remove it from that discount, or from the pool.";
  }
  return `Shopify refused this code: ${failure.messages.join("; ")}`;
}
