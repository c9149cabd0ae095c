// The factories every test folder shares: an installed shop's Admin client, the job queue run
// to the end, a pool and a campaign row. Each exists once; a folder's support file re-exports
// what it uses, so tests keep importing from beside them.
import prisma from "~/db.server";
import { createPool, type Pool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { jobHandlers } from "~/jobs/handlers.server";
import { createJobWorker } from "~/jobs/worker.server";
import type { Clock } from "~/lib/clock";
import { unauthenticated } from "~/shopify.server";
import { installShop, TEST_SHOP } from "./shopify-app";

/** The Admin API client of an installed shop (its offline session). */
export async function adminFor(shop: string = TEST_SHOP) {
  return (await unauthenticated.admin(shop)).admin;
}

/**
 * Runs every due job with the app's real handlers to the end, on `clock` (the wall clock by
 * default). A job that needs the Admin API gets the shop's offline session: a shop that was never
 * installed has none, and the job fails as it would in production.
 */
export function runJobs(clock?: Clock) {
  return createJobWorker({ db: prisma, handlers: jobHandlers({ adminFor }), concurrency: 1, clock }).runDueJobs();
}

let poolCounter = 0;

/** A pool of an installed shop, with a unique name. */
export async function givenPool(shop: string = TEST_SHOP, name = `Pool ${++poolCounter}`): Promise<Pool> {
  await installShop(shop);
  return createPool(poolStore(), shop, name);
}

export interface CampaignFields {
  name: string;
  codeSource: "shared" | "pool";
  channel?: string;
  purpose?: string;
  sharedCode?: string;
  poolId?: number;
  utmCampaign?: string | null;
}

/** A live campaign row (10% off the order) as the campaigns feature stores it, with what the test sets. */
export function givenCampaign(shopDomain: string, fields: CampaignFields) {
  return prisma.campaign.create({
    data: {
      shopDomain,
      ownerName: "Ana Owner",
      ownerEmail: "owner@example.com",
      purpose: "Test campaign",
      channel: "email",
      config: JSON.stringify({ version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] }),
      startsAt: new Date("2026-01-01T00:00:00Z"),
      status: "live",
      ...fields,
    },
  });
}
