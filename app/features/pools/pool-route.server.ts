import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { authenticateStaff, type StaffContext } from "~/features/access.server";
import { found, idParam } from "~/features/intents.server";
import { recordAudit, type AuditInput } from "~/domain/governance/audit.server";
import { refreshPoolAlerts } from "~/domain/pools/alerts.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { findPool, renamePool, updateAlertSettings, type Pool } from "~/domain/pools/pools.server";
import { enqueueCodeSyncsForPool } from "~/domain/campaigns/code-sync.server";
import { poolStore, type PoolStore } from "~/domain/pools/store.server";
import { systemClock } from "~/lib/clock";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { codesInShopify, lookUpCodesInShopify, type CodesInShopify } from "~/shopify/existing-codes.server";

// Plumbing shared by the pool routes: which of the shop's pools the URL names, and the audit
// entry every change leaves. (Who may do what: the routes' intent tables, app/features/intents.)

const POOL_NOT_FOUND = "Pool not found";

/**
 * The pool named by the URL's :id among the signed-in shop's pools. Another shop's pool id is
 * answered exactly like a missing one: 404.
 */
export async function poolOf(ctx: StaffContext, params: Params): Promise<{ pool: Pool; store: PoolStore; ctx: StaffContext }> {
  const store = poolStore();
  const pool = found(await findPool(store, ctx.session.shop, idParam(params, "id", POOL_NOT_FOUND)), POOL_NOT_FOUND);
  return { pool, store, ctx };
}

/** A page's loader: the staff member (any role may look) and the pool the URL names. */
export async function requirePool(request: Request, params: Params) {
  return poolOf(await authenticateStaff(request), params);
}

/** Records a pool change in the audit trail, by the staff member behind the request. */
export function auditPoolChange(ctx: StaffContext, input: Omit<AuditInput, "shopDomain" | "actor">) {
  return recordAudit(prisma, { shopDomain: ctx.session.shop, actor: ctx.staff, ...input });
}

/**
 * How this request asks Shopify which codes it already has: code by code for a few (`few`),
 * else from the store's discounts (see codesInShopify). Through the throttle-aware caller.
 */
export async function shopifyCodesFor(ctx: StaffContext, { few = false } = {}): Promise<CodesInShopify> {
  const call = throttledAdmin(ctx.admin, { clock: systemClock }).call;
  if (few) return lookUpCodesInShopify(call);
  const poolFed = await prisma.campaign.findMany({
    where: { shopDomain: ctx.session.shop, poolId: { not: null }, shopifyDiscountId: { not: null } },
    select: { shopifyDiscountId: true },
  });
  return codesInShopify(ctx.admin, call, new Set(poolFed.map((campaign) => campaign.shopifyDiscountId!)));
}

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

type PoolAt = { pool: Pool; store: PoolStore; ctx: StaffContext };

/** Renames the pool; the audit entry has the name before and after. */
export async function renamePoolAudited({ pool, store, ctx }: PoolAt, name: string) {
  await renamePool(store, pool, name);
  const renamed = await findPool(store, pool.shopDomain, pool.id);
  await auditPoolChange(ctx, { action: "pool.rename", entityType: "pool", entityId: pool.id, entityLabel: renamed?.name ?? pool.name, before: { name: pool.name }, after: { name: renamed?.name } });
  return {};
}

/** Saves the low-stock alert settings and checks the alert again at once. */
export async function saveAlertSettingsAudited({ pool, store, ctx }: PoolAt, fields: Record<string, string | undefined>) {
  await updateAlertSettings(store, pool, { enabled: fields.enabled === "true", threshold: fields.threshold ?? "" });
  await refreshPoolAlerts(store, pool);
  const updated = await findPool(store, pool.shopDomain, pool.id);
  await auditPoolChange(ctx, {
    action: "pool.alerts",
    entityType: "pool",
    entityId: pool.id,
    entityLabel: pool.name,
    before: { lowStockAlertEnabled: pool.lowStockAlertEnabled, lowStockThreshold: pool.lowStockThreshold },
    after: { lowStockAlertEnabled: updated?.lowStockAlertEnabled, lowStockThreshold: updated?.lowStockThreshold },
  });
  return {};
}

/** Adds one code by hand (refused when Shopify already has it); campaigns fed by the pool get it. */
export async function addCouponAudited({ pool, store, ctx }: PoolAt, fields: Record<string, string | undefined>) {
  const coupon = await addCoupon(store, pool, {
    code: fields.code ?? "",
    message: fields.message ?? "",
    poolExpiration: fields.poolExpiration ?? "",
    userExpirationDays: fields.userExpirationDays ?? "",
  }, { inShopify: await shopifyCodesFor(ctx, { few: true }) });
  await refreshPoolAlerts(store, pool);
  await enqueueCodeSyncsForPool(prisma, pool.id);
  await auditPoolChange(ctx, {
    action: "coupon.add",
    entityType: "coupon",
    entityId: coupon.id,
    entityLabel: coupon.code,
    after: { pool: pool.name, code: coupon.code, message: coupon.message, poolExpiration: coupon.expiresAt, userExpirationDays: coupon.validityDays },
  });
  return { code: coupon.code };
}
