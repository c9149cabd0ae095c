import { json } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { authenticateStaff, authorize, type StaffContext } from "~/features/access.server";
import { recordAudit, type AuditInput } from "~/domain/governance/audit.server";
import type { Permission } from "~/domain/governance/roles";
import { PoolInputError, PoolStateError } from "~/domain/pools/errors";
import { findPool, type Pool } from "~/domain/pools/pools.server";
import { poolStore, type PoolStore } from "~/domain/pools/store.server";
import { systemClock } from "~/lib/clock";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { codesInShopify, lookUpCodesInShopify, type CodesInShopify } from "~/shopify/existing-codes.server";

// Plumbing shared by the pool routes: who is asking and what they may do, which of their pools,
// how domain errors become responses, and the audit entry every change leaves.

/**
 * Authenticates the staff member — with `permission`, checked first, so a role without it gets
 * 403 before anything is read — and loads the pool named by the URL's :id among the session
 * shop's pools. Another shop's pool id is answered exactly like a missing one: 404.
 */
export async function requirePool(
  request: Request,
  params: Params,
  permission?: Permission,
): Promise<{ pool: Pool; store: PoolStore; ctx: StaffContext }> {
  const ctx = permission ? await authorize(request, permission) : await authenticateStaff(request);
  const store = poolStore();
  const id = /^\d{1,15}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const pool = await findPool(store, ctx.session.shop, id);
  if (!pool) throw new Response("Pool not found", { status: 404 });
  return { pool, store, ctx };
}

/** Records a pool change in the audit trail, by the staff member behind the request. */
export function auditPoolChange(ctx: StaffContext, input: Omit<AuditInput, "shopDomain" | "actor">) {
  return recordAudit(prisma, { shopDomain: ctx.session.shop, actor: ctx.staff, ...input });
}

/** Invalid input → 400 with an error per field; a refused operation → 409 with the reason. */
export function poolErrorResponse(error: unknown) {
  if (error instanceof PoolInputError) return json({ errors: error.fieldErrors }, { status: 400 });
  if (error instanceof PoolStateError) return json({ errors: { form: error.message }, reason: error.reason }, { status: 409 });
  throw error;
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
