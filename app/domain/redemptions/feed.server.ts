// The redemptions feed of the public API: every redemption recorded or changed since an instant,
// oldest change first, in pages. A redemption changes when its order is edited (orders/updated),
// so a caller that keeps the last `updatedAt` it saw and asks again from there misses nothing;
// a changed redemption comes again with its new figures.
import type { Redemption } from "@prisma/client";
import type { Database } from "~/db.server";

export const FEED_PAGE_MAX = 500;

/** Where the previous page ended: its last row's change time and id. */
export interface FeedPosition {
  updatedAt: Date;
  id: number;
}

export interface FeedPage {
  redemptions: Redemption[];
  /** Where the next page starts; null on the last page. */
  next: FeedPosition | null;
}

export async function redemptionsSince(
  db: Database,
  shopDomain: string,
  { since, after, limit }: { since: Date; after: FeedPosition | null; limit: number },
): Promise<FeedPage> {
  const take = Math.min(Math.max(1, Math.floor(limit)), FEED_PAGE_MAX);
  const rows = await db.redemption.findMany({
    where: {
      shopDomain,
      updatedAt: { gte: since },
      ...(after ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return { redemptions: page, next: rows.length > take && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}
