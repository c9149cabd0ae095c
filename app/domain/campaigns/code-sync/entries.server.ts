import type { Database } from "~/db.server";
import type { CampaignCodeSource } from "./source.server";
import { codeKey } from "~/shopify/code-key";

// Rows per statement: well under SQLite's bound-parameter limit.
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export interface ReconcileOutcome {
  added: number;
  toRemove: number;
}

/**
 * Brings the campaign's entries in line with the codes it should have: new codes become
 * pending (the initial code is synced already), codes no longer wanted that Shopify has are
 * marked for the sweeper, and the ones Shopify never got are forgotten. Codes in flight are left
 * alone until their submission is settled; the next run handles them.
 */
export async function reconcileEntries(db: Database, source: CampaignCodeSource, now: Date): Promise<ReconcileOutcome> {
  const desired = new Map<string, string>();
  for (const code of await source.desiredCodes(now)) desired.set(codeKey(code), code);
  const initialKey = source.initialCode ? codeKey(source.initialCode) : undefined;
  const existing = await db.codeSyncEntry.findMany({ where: { campaignId: source.campaignId }, select: { id: true, codeKey: true, state: true } });
  const known = new Set(existing.map((entry) => entry.codeKey));

  const fresh = [...desired].filter(([key]) => !known.has(key));
  for (const chunk of chunks(fresh)) {
    await db.codeSyncEntry.createMany({
      data: chunk.map(([codeKey, code]) => ({
        shopDomain: source.shopDomain,
        campaignId: source.campaignId,
        code,
        codeKey,
        state: codeKey === initialKey ? "synced" : "pending",
      })),
    });
  }

  const unwanted = existing.filter((entry) => !desired.has(entry.codeKey));
  const onShopify = unwanted.filter((entry) => entry.state === "synced").map((entry) => entry.id);
  const neverSent = unwanted.filter((entry) => entry.state === "pending" || entry.state === "failed").map((entry) => entry.id);
  // Wanted again before the sweeper got to it: Shopify still has it.
  const keep = existing.filter((entry) => entry.state === "removing" && desired.has(entry.codeKey)).map((entry) => entry.id);
  for (const ids of chunks(onShopify)) await db.codeSyncEntry.updateMany({ where: { id: { in: ids }, state: "synced" }, data: { state: "removing" } });
  for (const ids of chunks(neverSent)) await db.codeSyncEntry.deleteMany({ where: { id: { in: ids }, state: { in: ["pending", "failed"] } } });
  for (const ids of chunks(keep)) await db.codeSyncEntry.updateMany({ where: { id: { in: ids }, state: "removing" }, data: { state: "synced" } });
  const toRemove = await db.codeSyncEntry.count({ where: { campaignId: source.campaignId, state: "removing" } });
  return { added: fresh.length, toRemove };
}
