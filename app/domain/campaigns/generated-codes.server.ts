import { randomInt } from "node:crypto";
import { createPool, type Pool, type PoolRef } from "~/domain/pools/pools.server";
import type { PoolStore } from "~/domain/pools/store.server";
import { GENERATED_CODE_ALPHABET } from "./generated-codes";

const INSERT_BATCH = 1_000;

function randomCode(prefix: string, length: number): string {
  let code = prefix;
  for (let index = 0; index < length; index++) code += GENERATED_CODE_ALPHABET[randomInt(GENERATED_CODE_ALPHABET.length)];
  return code;
}

export interface GeneratedCodes {
  prefix: string;
  length: number;
  count: number;
}

/**
 * Creates the campaign's own coupon pool and fills it with `count` codes. Codes go into the
 * pools' Coupon table, unique per shop by their upper-cased key, so a generated code never
 * collides with a code of any pool or campaign of the shop: a collision is simply drawn again.
 * The code sync then pushes the pool's codes to Shopify like any pool's.
 */
export async function generateCampaignCodes(
  store: PoolStore,
  shopDomain: string,
  campaign: { id: number; name: string },
  shape: GeneratedCodes,
): Promise<Pool> {
  const pool = await createPool(store, shopDomain, `Campaign #${campaign.id} codes: ${campaign.name}`.slice(0, 100));
  await addGeneratedCodes(store, pool, shape);
  return pool;
}

/** Adds `count` new codes of the shape to the pool (a generated campaign's pool that runs dry gets more this way). */
export async function addGeneratedCodes(store: PoolStore, pool: PoolRef, shape: GeneratedCodes): Promise<void> {
  const insert = `INSERT INTO "Coupon" ("shopDomain", "poolId", "code", "codeKey") VALUES (:shopDomain, :poolId, :code, :code)
    ON CONFLICT ("shopDomain", "codeKey") DO NOTHING`;
  let created = 0;
  while (created < shape.count) {
    const batch = Math.min(INSERT_BATCH, shape.count - created);
    created += await store.write(() => {
      let inserted = 0;
      for (let index = 0; index < batch; index++) {
        inserted += store.statement(insert).run({ shopDomain: pool.shopDomain, poolId: pool.id, code: randomCode(shape.prefix, shape.length) }).changes;
      }
      return inserted;
    });
  }
}
