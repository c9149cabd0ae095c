// The "Not governed by PromoGuard" list: every discount in the store that is neither a campaign's
// nor the guard, replaced wholesale on each import so deleted discounts disappear from it. A
// discount can be adopted (PromoGuard records an owner, a purpose and a channel; the Shopify
// discount stays as it is) or deactivated in Shopify. Adoption survives re-imports.
import type { ExistingDiscount } from "@prisma/client";
import type { Database } from "~/db.server";
import { Conflict, InvalidInput, NotFound } from "~/domain/errors";
import { recordAudit } from "~/domain/governance/audit.server";
import { getPolicy } from "~/domain/governance/policy.server";
import { findStaff, type Actor, type Staff } from "~/domain/governance/staff.server";
import type { AdminGraphql, ShopifyUserError } from "~/shopify/discounts.server";
import { fetchAllDiscounts } from "~/shopify/existing-discounts.server";
import { deactivateStoreDiscount } from "~/shopify/ungoverned.server";
import { readForm } from "~/domain/form-schema";
import { adoptionFieldsSchema, NOT_A_STAFF_MEMBER } from "./adoption-form";
import { publishCatalogue } from "./catalogue.server";
import type { FieldErrors } from "./campaign-input";

const ADOPTION_FIELDS = ["adoptedAt", "adoptedById", "ownerStaffId", "purpose", "channel"] as const;
type Adoption = Pick<ExistingDiscount, (typeof ADOPTION_FIELDS)[number]>;

/**
 * Reads every discount from Shopify and replaces the shop's list. An actor (a staff member, or
 * null for PromoGuard) records the import in the audit trail; install leaves it out.
 */
export async function importExistingDiscounts(db: Database, admin: AdminGraphql, shopDomain: string, now = new Date(), actor?: Actor): Promise<number> {
  const discounts = await fetchAllDiscounts(admin);
  const [campaigns, guard, adopted] = await Promise.all([
    db.campaign.findMany({ where: { shopDomain, shopifyDiscountId: { not: null } }, select: { shopifyDiscountId: true } }),
    db.stackingGuard.findUnique({ where: { shopDomain } }),
    db.existingDiscount.findMany({ where: { shopDomain, adoptedAt: { not: null } } }),
  ]);
  const governed = new Set([...campaigns.map((campaign) => campaign.shopifyDiscountId), guard?.shopifyDiscountId]);
  const ungoverned = discounts.filter((discount) => !governed.has(discount.shopifyDiscountId));
  const adoptions = new Map<string, Adoption>(
    adopted.map((row) => [row.shopifyDiscountId, Object.fromEntries(ADOPTION_FIELDS.map((field) => [field, row[field]])) as Adoption]),
  );
  const before = await db.existingDiscount.count({ where: { shopDomain } });
  await db.$transaction([
    db.existingDiscount.deleteMany({ where: { shopDomain } }),
    db.existingDiscount.createMany({
      data: ungoverned.map((discount) => ({
        ...discount,
        ...adoptions.get(discount.shopifyDiscountId),
        shopDomain,
        startsAt: new Date(discount.startsAt),
        endsAt: discount.endsAt ? new Date(discount.endsAt) : null,
        importedAt: now,
      })),
    }),
  ]);
  if (actor !== undefined) {
    await recordAudit(db, {
      shopDomain,
      actor,
      action: "discount.import",
      entityType: "discount",
      entityId: "store",
      entityLabel: "Discounts from Shopify",
      before: { discounts: before },
      after: { discounts: ungoverned.length },
    });
  }
  return ungoverned.length;
}

export async function listExistingDiscounts(db: Database, shopDomain: string): Promise<ExistingDiscount[]> {
  return db.existingDiscount.findMany({ where: { shopDomain }, orderBy: [{ status: "asc" }, { title: "asc" }] });
}

/** The shop's discount by its row id; another shop's id answers null exactly like a missing one. */
export async function findExistingDiscount(db: Database, shopDomain: string, id: number): Promise<ExistingDiscount | null> {
  if (!Number.isSafeInteger(id)) return null;
  return db.existingDiscount.findFirst({ where: { id, shopDomain } });
}

export const isAdopted = (discount: Pick<ExistingDiscount, "adoptedAt">) => discount.adoptedAt !== null;

/** Live code discounts PromoGuard does not govern: what "refuse codes not created by PromoGuard"
 * would switch off at checkout. */
export async function liveUngovernedCodes(db: Database, shopDomain: string): Promise<{ discounts: number; codes: number }> {
  const rows = await db.existingDiscount.findMany({ where: { shopDomain, method: "CODE", status: "ACTIVE", adoptedAt: null }, select: { codesCount: true } });
  return { discounts: rows.length, codes: rows.reduce((sum, row) => sum + row.codesCount, 0) };
}

// ---------------------------------------------------------------------------------------------
// Adopt

export interface AdoptionForm {
  ownerStaffId: string;
  purpose: string;
  channel: string;
}

/** Reads the adoption form with its schema (adoption-form.ts), then its owner among the shop's staff. */
export async function readAdoptionForm(
  db: Database,
  shopDomain: string,
  form: AdoptionForm,
): Promise<{ ok: true; owner: Staff; purpose: string; channel: string } | { ok: false; errors: FieldErrors }> {
  const read = readForm(adoptionFieldsSchema, { ...form });
  if (!read.ok) return read;
  // A form read whole has every field.
  const { ownerStaffId, purpose, channel } = read.value;
  const owner = await findStaff(db, shopDomain, Number(ownerStaffId));
  if (!owner) return { ok: false, errors: { ownerStaffId: NOT_A_STAFF_MEMBER } };
  return { ok: true, owner, purpose: purpose!, channel: channel! };
}

const adoptionValues = (discount: Adoption) => ({
  adoptedAt: discount.adoptedAt,
  ownerStaffId: discount.ownerStaffId,
  purpose: discount.purpose,
  channel: discount.channel,
});

/** Records the discount as governed (owner, purpose, channel); Shopify's discount is untouched. */
export async function adoptDiscount(
  db: Database,
  shopDomain: string,
  actor: Staff,
  id: number,
  form: AdoptionForm,
  now = new Date(),
): Promise<ExistingDiscount> {
  const discount = await findExistingDiscount(db, shopDomain, id);
  if (!discount) throw new NotFound("This discount is not in your store's list any more. Import again to refresh it.");
  if (isAdopted(discount)) throw new Conflict(`"${discount.title}" was already adopted.`);
  const read = await readAdoptionForm(db, shopDomain, form);
  if (!read.ok) throw new InvalidInput(read.errors);
  const adopted = await db.existingDiscount.update({
    where: { id: discount.id },
    data: { adoptedAt: now, adoptedById: actor.id, ownerStaffId: read.owner.id, purpose: read.purpose, channel: read.channel },
  });
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "discount.adopt",
    entityType: "discount",
    entityId: discount.shopifyDiscountId,
    entityLabel: discount.title,
    before: adoptionValues(discount),
    after: { ...adoptionValues(adopted), owner: read.owner.name, shopifyDiscountId: discount.shopifyDiscountId },
  });
  return adopted;
}

// ---------------------------------------------------------------------------------------------
// Deactivate

/** Switches the discount off in Shopify (it ends now) and shows it as expired here. */
export async function deactivateDiscount(
  db: Database,
  admin: AdminGraphql,
  shopDomain: string,
  actor: Staff,
  id: number,
  now = new Date(),
): Promise<ExistingDiscount> {
  const discount = await findExistingDiscount(db, shopDomain, id);
  if (!discount) throw new NotFound("This discount is not in your store's list any more. Import again to refresh it.");
  if (discount.status === "EXPIRED") throw new Conflict(`"${discount.title}" has already ended.`);
  const userErrors: ShopifyUserError[] = await deactivateStoreDiscount(
    admin,
    discount.shopifyDiscountId,
    discount.method === "AUTOMATIC" ? "AUTOMATIC" : "CODE",
  );
  if (userErrors.length > 0) {
    // Shopify's own state of the discount refuses it: its words say why.
    throw new Conflict(`Shopify refused to deactivate "${discount.title}": ${userErrors.map((error) => error.message).join(" ")}`);
  }
  const updated = await db.existingDiscount.update({ where: { id: discount.id }, data: { status: "EXPIRED", endsAt: now } });
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "discount.deactivate",
    entityType: "discount",
    entityId: discount.shopifyDiscountId,
    entityLabel: discount.title,
    before: { status: discount.status, endsAt: discount.endsAt },
    after: { status: updated.status, endsAt: updated.endsAt, shopifyDiscountId: discount.shopifyDiscountId },
  });
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Refuse codes not created by PromoGuard (Owner only)

export type RefuseOutcome = { ok: true; refuse: boolean; affected: { discounts: number; codes: number } } | { ok: false; errors: FieldErrors };

/**
 * Sets GovernancePolicy.refuseUngovernedCodes and republishes the guard's catalogue, whose
 * unlisted-codes policy follows it. When Shopify refuses the catalogue, the switch goes back to
 * what it was, so the setting never claims what checkout does not do.
 */
export async function setRefuseUngovernedCodes(db: Database, admin: AdminGraphql, shopDomain: string, actor: Staff, refuse: boolean): Promise<RefuseOutcome> {
  const current = await getPolicy(db, shopDomain);
  const affected = await liveUngovernedCodes(db, shopDomain);
  const write = (value: boolean) =>
    db.governancePolicy.upsert({
      where: { shopDomain },
      create: { shopDomain, ...current, refuseUngovernedCodes: value },
      update: { refuseUngovernedCodes: value },
    });
  await write(refuse);
  const userErrors = await publishCatalogue(db, admin, shopDomain);
  if (userErrors.length > 0) {
    await write(current.refuseUngovernedCodes);
    return {
      ok: false,
      errors: { refuseUngovernedCodes: `The guard could not be updated, so nothing changed: ${userErrors.map((error) => error.message).join(" ")}` },
    };
  }
  if (current.refuseUngovernedCodes !== refuse) {
    await recordAudit(db, {
      shopDomain,
      actor,
      action: "policy.refuse-ungoverned",
      entityType: "policy",
      entityId: shopDomain,
      entityLabel: "Refuse codes not created by PromoGuard",
      before: { refuseUngovernedCodes: current.refuseUngovernedCodes },
      after: { refuseUngovernedCodes: refuse, liveUngovernedDiscounts: affected.discounts, liveUngovernedCodes: affected.codes },
    });
  }
  return { ok: true, refuse, affected };
}
