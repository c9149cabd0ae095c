import { deleteRedeemCodes, findRedeemCodeIds, REDEEM_CODES_PER_CALL } from "~/shopify/redeem-codes.server";
import type { SyncRun } from "./context";
import { SubmissionRefused } from "./upload.server";

/**
 * The sweeper: deletes from the discount the codes nobody should use any more (revoked,
 * past their recipient's User Expiration or their Pool Expiration, removed from the pool),
 * 250 at a time. Deleting is looked up by code first, so a run repeated after a crash deletes
 * nothing twice and simply forgets codes Shopify no longer has.
 */
export async function sweepUnwantedCodes(run: SyncRun): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await run.db.codeSyncEntry.findMany({
      where: { campaignId: run.campaignId, state: "removing" },
      orderBy: { id: "asc" },
      take: REDEEM_CODES_PER_CALL,
      select: { id: true, code: true },
    });
    if (batch.length === 0) return removed;
    const found = await findRedeemCodeIds(
      run.call,
      run.discountId,
      batch.map((entry) => entry.code),
    );
    if (found.length > 0) {
      const userErrors = await deleteRedeemCodes(
        run.call,
        run.discountId,
        found.map((code) => code.id),
      );
      if (userErrors.length > 0) throw new SubmissionRefused(`Shopify refused to delete codes: ${userErrors.map((error) => error.message).join("; ")}`);
    }
    await run.db.codeSyncEntry.deleteMany({ where: { id: { in: batch.map((entry) => entry.id) }, state: "removing" } });
    removed += found.length;
    await run.heartbeat();
  }
}
