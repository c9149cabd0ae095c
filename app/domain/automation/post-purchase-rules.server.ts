// Post-purchase rules (Campaigns → Post-purchase): the merchant's list, the rule form's choices,
// and every change — create, edit, pause, resume, delete — checked against the shop and written
// to the audit log with what changed. Orders are matched and answered by post-purchase.server.ts.
import type { PostPurchaseRule } from "@prisma/client";
import type { Database } from "~/db.server";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { catalogueTitles } from "~/shopify/products.server";
import type { ProductRef } from "./code-delivery.server";
import { readPostPurchaseRuleForm, type PostPurchaseRuleForm } from "./post-purchase-input";

/** A rule as the pages show it. Plain JSON values. */
export interface PostPurchaseRuleView {
  id: number;
  name: string;
  status: "active" | "paused";
  triggerProducts: ProductRef[];
  triggerCollections: ProductRef[];
  minimumSubtotal: string | null;
  firstOrderOnly: boolean;
  codeSource: "pool" | "campaign";
  poolId: number | null;
  campaignId: number | null;
  /** The pool's or campaign's name. */
  sourceName: string;
  validityDays: number;
  offerProducts: ProductRef[];
  message: string;
  delayDays: number;
  /** Orders it answered: codes sent, customers held out, codes still waiting for their delay. */
  counts: { assigned: number; heldOut: number; scheduled: number; skipped: number };
}

export interface CodeSourceChoices {
  pools: { id: number; name: string }[];
  /** Campaigns that hand out unique codes (from a pool, or generated), not archived. */
  campaigns: { id: number; name: string }[];
}

const ENTITY_TYPE = "post-purchase-rule";

const refs = (text: string) => JSON.parse(text) as ProductRef[];

/** The pools and campaigns a rule may take its codes from. */
export async function codeSourceChoices(db: Database, shopDomain: string): Promise<CodeSourceChoices> {
  const [pools, campaigns] = await Promise.all([
    db.couponPool.findMany({ where: { shopDomain }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.campaign.findMany({
      where: { shopDomain, codeSource: { in: ["pool", "generated"] }, poolId: { not: null }, status: { not: "archived" } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return { pools, campaigns };
}

async function toView(db: Database, rule: PostPurchaseRule): Promise<PostPurchaseRuleView> {
  const [pool, campaign, groups] = await Promise.all([
    rule.poolId === null ? null : db.couponPool.findUnique({ where: { id: rule.poolId }, select: { name: true } }),
    rule.campaignId === null ? null : db.campaign.findUnique({ where: { id: rule.campaignId }, select: { name: true } }),
    db.postPurchaseOrder.groupBy({ by: ["status"], where: { ruleId: rule.id }, _count: true }),
  ]);
  const count = (status: string) => groups.find((group) => group.status === status)?._count ?? 0;
  return {
    id: rule.id,
    name: rule.name,
    status: rule.status === "paused" ? "paused" : "active",
    triggerProducts: refs(rule.triggerProducts),
    triggerCollections: refs(rule.triggerCollections),
    minimumSubtotal: rule.minimumSubtotal === null ? null : rule.minimumSubtotal.toFixed(2),
    firstOrderOnly: rule.firstOrderOnly,
    codeSource: rule.campaignId === null ? "pool" : "campaign",
    poolId: rule.poolId,
    campaignId: rule.campaignId,
    sourceName: pool?.name ?? campaign?.name ?? "A pool or campaign that was deleted",
    validityDays: rule.validityDays,
    offerProducts: refs(rule.offerProducts),
    message: rule.message,
    delayDays: rule.delayDays,
    counts: { assigned: count("assigned"), heldOut: count("held_out"), scheduled: count("scheduled"), skipped: count("skipped") },
  };
}

export async function listPostPurchaseRules(db: Database, shopDomain: string): Promise<PostPurchaseRuleView[]> {
  const rules = await db.postPurchaseRule.findMany({ where: { shopDomain }, orderBy: { id: "asc" } });
  return Promise.all(rules.map((rule) => toView(db, rule)));
}

/** The shop's rule, or null — also for another shop's id, which must look absent. */
export async function findPostPurchaseRule(db: Database, shopDomain: string, id: number): Promise<PostPurchaseRuleView | null> {
  if (!Number.isSafeInteger(id)) return null;
  const rule = await db.postPurchaseRule.findFirst({ where: { id, shopDomain } });
  return rule ? toView(db, rule) : null;
}

export type SaveOutcome = { ok: true; rule: PostPurchaseRuleView } | { ok: false; errors: Record<string, string> };

/** What only the shop can tell: the chosen products, collections, pool and campaign exist (titles from Shopify). */
async function resolveRule(db: Database, call: AdminCall, shopDomain: string, rule: PostPurchaseRuleForm) {
  const errors: Record<string, string> = {};
  const titles = await catalogueTitles(call, [...rule.triggerProducts, ...rule.triggerCollections, ...rule.offerProducts]);
  const refsOf = (field: string, ids: string[], noun: string) => {
    const missing = ids.filter((id) => !titles.has(id));
    if (missing.length > 0)
      errors[field] =
        `${missing.length === 1 ? `One of these ${noun} is` : `${missing.length} of these ${noun} are`} no longer in the store: choose them again.`;
    return ids.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)! }));
  };
  const resolved = {
    triggerProducts: refsOf("triggerProducts", rule.triggerProducts, "products"),
    triggerCollections: refsOf("triggerCollections", rule.triggerCollections, "collections"),
    offerProducts: refsOf("offerProducts", rule.offerProducts, "products"),
  };
  let source: { poolId: number | null; campaignId: number | null } = { poolId: null, campaignId: null };
  if (rule.codeSource === "pool") {
    const pool = rule.poolId === null ? null : await db.couponPool.findFirst({ where: { id: rule.poolId, shopDomain }, select: { id: true } });
    if (pool) source = { poolId: pool.id, campaignId: null };
    else errors.poolId = "Choose the pool the codes come from.";
  } else {
    const choices = await codeSourceChoices(db, shopDomain);
    if (choices.campaigns.some((campaign) => campaign.id === rule.campaignId)) source = { poolId: null, campaignId: rule.campaignId };
    else errors.campaignId = "Choose a campaign that hands out unique codes (from a pool, or generated).";
  }
  return { errors, data: { ...resolved, ...source } };
}

const auditValues = (rule: PostPurchaseRuleView | null) =>
  rule && {
    name: rule.name,
    status: rule.status,
    products: rule.triggerProducts.map((product) => product.title),
    collections: rule.triggerCollections.map((collection) => collection.title),
    minimumSubtotal: rule.minimumSubtotal,
    firstOrderOnly: rule.firstOrderOnly,
    codesFrom: rule.sourceName,
    validityDays: rule.validityDays,
    for: rule.offerProducts.map((product) => product.title),
    message: rule.message,
    delayDays: rule.delayDays,
  };

/** Creates (id null) or edits the shop's rule from its form's fields; problems keyed by form field. */
export async function savePostPurchaseRule(
  db: Database,
  call: AdminCall,
  shopDomain: string,
  actor: Actor,
  id: number | null,
  form: Record<string, unknown>,
): Promise<SaveOutcome | null> {
  const read = readPostPurchaseRuleForm(form);
  if (!read.ok) return read;
  return saveReadPostPurchaseRule(db, call, shopDomain, actor, id, read.rule);
}

/**
 * Creates (id null) or edits the shop's rule as its form's schema (postPurchaseRuleForm) read it:
 * what only the shop can tell is checked here, keyed by form field. Null when the shop has no such rule.
 */
export async function saveReadPostPurchaseRule(
  db: Database,
  call: AdminCall,
  shopDomain: string,
  actor: Actor,
  id: number | null,
  form: PostPurchaseRuleForm,
): Promise<SaveOutcome | null> {
  const before = id === null ? null : await findPostPurchaseRule(db, shopDomain, id);
  if (id !== null && !before) return null;
  const { errors, data } = await resolveRule(db, call, shopDomain, form);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fields = {
    name: form.name,
    triggerProducts: JSON.stringify(data.triggerProducts),
    triggerCollections: JSON.stringify(data.triggerCollections),
    minimumSubtotal: form.minimumSubtotal,
    firstOrderOnly: form.firstOrderOnly,
    poolId: data.poolId,
    campaignId: data.campaignId,
    validityDays: form.validityDays,
    offerProducts: JSON.stringify(data.offerProducts),
    message: form.message,
    delayDays: form.delayDays,
  };
  const saved =
    id === null ? await db.postPurchaseRule.create({ data: { shopDomain, ...fields } }) : await db.postPurchaseRule.update({ where: { id }, data: fields });
  const rule = (await findPostPurchaseRule(db, shopDomain, saved.id))!;
  await recordAudit(db, {
    shopDomain,
    actor,
    action: id === null ? "post-purchase.create" : "post-purchase.update",
    entityType: ENTITY_TYPE,
    entityId: rule.id,
    entityLabel: rule.name,
    before: auditValues(before),
    after: auditValues(rule),
  });
  return { ok: true, rule };
}

/** Pauses or resumes the rule (a paused rule answers no new order; codes already scheduled are not sent). Null when the shop has no such rule. */
export async function setPostPurchaseRuleStatus(
  db: Database,
  shopDomain: string,
  actor: Actor,
  id: number,
  status: "active" | "paused",
): Promise<PostPurchaseRuleView | null> {
  const before = await findPostPurchaseRule(db, shopDomain, id);
  if (!before) return null;
  if (before.status === status) return before;
  await db.postPurchaseRule.update({ where: { id }, data: { status } });
  const after = (await findPostPurchaseRule(db, shopDomain, id))!;
  await recordAudit(db, {
    shopDomain,
    actor,
    action: status === "paused" ? "post-purchase.pause" : "post-purchase.resume",
    entityType: ENTITY_TYPE,
    entityId: id,
    entityLabel: before.name,
    before: { status: before.status },
    after: { status },
  });
  return after;
}

/** Deletes the rule; codes it already sent stay assigned, codes still waiting are not sent. False when the shop has no such rule. */
export async function deletePostPurchaseRule(db: Database, shopDomain: string, actor: Actor, id: number): Promise<boolean> {
  const before = await findPostPurchaseRule(db, shopDomain, id);
  if (!before) return false;
  await db.postPurchaseRule.delete({ where: { id } });
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "post-purchase.delete",
    entityType: ENTITY_TYPE,
    entityId: id,
    entityLabel: before.name,
    before: auditValues(before),
    after: null,
  });
  return true;
}
