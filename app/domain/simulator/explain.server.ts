// Why each code gives what it gives, for the merchant: the checkout model's verdicts turned into
// the simulator's answer. Every sentence about a campaign's rules comes from the rule vocabulary
// (promo-discount/config: campaignReasons, lineNotes — the definitions the function runs); the
// guard's refusals are its own words; caps and lifecycle come from the campaign as PromoGuard
// holds it; combinations from the discounts' combinesWith.
import type { Campaign } from "@prisma/client";
import { campaignReasons, explanationInput, explanationVariables, lineNotes, type CampaignConfig } from "promo-discount/config";
import type { CampaignInput } from "promo-discount/checkout";
import {
  functionInput,
  type AppliedDiscount,
  type Cart,
  type CheckoutResult,
  type CodeStatus,
  type CombinesWith,
  type DiscountClass,
  type SimulateCheckoutOptions,
} from "shopify-checkout";
import type { Database } from "~/db.server";
import { budgetInWords, campaignCaps } from "~/domain/campaigns/caps.server";
import { displayStatus } from "~/domain/campaigns/status";
import { codeKey } from "~/shopify/code-key";
import type { StoreShop, StoreVariant } from "~/shopify/cart-data.server";
import type { EnteredCode, RunnableDiscount } from "./simulate-cart.server";
import type { CartSimulation, DiscountOnLine, SimulatedCode, SimulatedDiscount, SimulatedLine } from "./simulation";
import { formatDateTime } from "~/lib/format";

const LINES_TARGET = "cart.lines.discounts.generate.run";
const DELIVERY_TARGET = "cart.delivery-options.discounts.generate.run";
const CLASS_WORDS: Record<DiscountClass, string> = { PRODUCT: "product", ORDER: "order", SHIPPING: "shipping" };
const COMBINES_KEY: Record<DiscountClass, keyof CombinesWith> = { PRODUCT: "productDiscounts", ORDER: "orderDiscounts", SHIPPING: "shippingDiscounts" };

export interface ExplainContext {
  db: Database;
  shopDomain: string;
  now: Date;
  shop: StoreShop;
  cart: Cart;
  options: SimulateCheckoutOptions;
  runnable: RunnableDiscount[];
  entered: EnteredCode[];
  variants: StoreVariant[];
  result: CheckoutResult;
  notPriced: string[];
}

const sameCode = (a: string, b: string) => codeKey(a) === codeKey(b);

function cents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

function sum(amounts: string[]): string {
  return (amounts.reduce((total, amount) => total + cents(amount), 0) / 100).toFixed(2);
}

/** The campaign's explanations on this cart: its reasons to give nothing, and its notes per line. */
interface CampaignView {
  reasons: (subject: string) => string[];
  notes: (subject: string) => Record<string, string[]>;
}

/**
 * The campaign's rules run on the cart as its function sees it — its input built from its own
 * queries, reading prices and quantities too (explanationVariables), the delivery options from
 * the delivery target's input when it has one.
 */
function campaignView(context: ExplainContext, discount: RunnableDiscount, config: CampaignConfig): CampaignView | null {
  const { active } = discount;
  const variables = active.function.inputVariables;
  if (!variables || !active.function.targets.has(LINES_TARGET)) return null;
  const metafields = active.metafields.map((metafield) =>
    metafield.namespace === variables.namespace && metafield.key === variables.key
      ? { ...metafield, value: JSON.stringify(explanationVariables(JSON.parse(metafield.value) as Record<string, unknown>)) }
      : metafield,
  );
  const explaining = { ...active, metafields };
  const discounts = context.runnable.map((candidate) => (candidate === discount ? explaining : candidate.active));
  const inputOf = (target: typeof LINES_TARGET | typeof DELIVERY_TARGET) =>
    functionInput(context.cart, explaining, target, context.options, discounts) as unknown as CampaignInput;
  const input = explanationInput(inputOf(LINES_TARGET), active.function.targets.has(DELIVERY_TARGET) ? inputOf(DELIVERY_TARGET) : null);
  return {
    reasons: (subject) => campaignReasons(config, input, subject).map((reason) => reason.message),
    notes: (subject) => lineNotes(config, input, subject),
  };
}

const shopDateTime = (date: Date, timeZone: string) => formatDateTime(date, timeZone);

/** Why a campaign's codes are not live at checkout right now: its lifecycle, its dates, its caps. */
async function notRunningReasons(context: ExplainContext, campaign: Campaign, code: string, inShopify: boolean): Promise<string[]> {
  const timeZone = context.shop.ianaTimezone;
  const status = displayStatus(campaign, context.now);
  const name = campaign.name;
  if (status === "draft") return [`${code} belongs to ${name}, which isn't published yet`];
  if (status === "archived") return [`${code} belongs to ${name}, which is archived: its discount is switched off`];
  if (status === "scheduled") return [`${code} belongs to ${name}, which starts on ${shopDateTime(campaign.startsAt, timeZone)}`];
  if (status === "expired") return [`${code} belongs to ${name}, which ended on ${shopDateTime(campaign.endsAt!, timeZone)}`];
  if (status === "paused") {
    if (campaign.pauseReason === "dailyCap") {
      const resumes = campaign.pausedUntil ? ` It resumes by itself on ${shopDateTime(campaign.pausedUntil, timeZone)}.` : "";
      return [`${name} is paused for today: its daily cap of ${campaign.dailyCap} redemptions is used up.${resumes}`];
    }
    if (campaign.pauseReason === "budget") {
      const caps = await campaignCaps(context.db, campaign, context.now);
      const reached = caps?.budgets.find((budget) => budget.reached) ?? caps?.budgets.find((budget) => budget.kind === caps.budgetReached?.kind);
      const which = reached ? `${budgetInWords(reached, caps!.currency)}` : "its budget";
      return [
        `${name} is paused: it reached ${which}, so PromoGuard switched its discount off. It resumes once the budget is raised and the campaign published.`,
      ];
    }
    return [`${name} is paused: its discount is switched off until someone resumes it`];
  }
  // Live in PromoGuard, yet Shopify doesn't take the code.
  return inShopify
    ? [`${name}'s discount isn't active in Shopify right now: publish the campaign again`]
    : [`${code} is one of ${name}'s codes but isn't in Shopify yet: PromoGuard adds a campaign's codes in the background, in batches`];
}

/** The campaign that holds a code PromoGuard knows but Shopify doesn't run: its shared code, or a code of its pool. */
async function campaignByCode(db: Database, shopDomain: string, code: string): Promise<Campaign | null> {
  const key = codeKey(code);
  const shared = await db.campaign.findMany({ where: { shopDomain, codeSource: "shared", sharedCode: { not: null } }, orderBy: { id: "desc" } });
  const byShared = shared.find((campaign) => codeKey(campaign.sharedCode!) === key);
  if (byShared) return byShared;
  const coupon = await db.coupon.findFirst({ where: { shopDomain, codeKey: key }, select: { poolId: true } });
  if (!coupon) return null;
  return db.campaign.findFirst({ where: { shopDomain, poolId: coupon.poolId, codeSource: { in: ["pool", "generated"] } }, orderBy: { id: "desc" } });
}

function discountLabel(applied: Pick<AppliedDiscount, "code" | "title">): string {
  return applied.code ?? applied.title;
}

/** Why a code whose discount could apply on its own isn't in the combination checkout chose. */
function combinationReasons(context: ExplainContext, code: string, discount: RunnableDiscount): string[] {
  const { result } = context;
  const trigger = discount.active.codes.find((candidate) => result.codes.some((status) => sameCode(status.code, candidate) && status.status === "APPLIED"));
  if (trigger && !sameCode(trigger, code)) return [`Only one code of a discount applies: ${trigger} already gives ${discount.active.title}`];
  const reasons: string[] = [];
  const mine = discount.active;
  for (const applied of result.appliedDiscounts) {
    if (applied.discountId === mine.id) continue;
    const theirs = context.runnable.find((candidate) => candidate.active.id === applied.discountId)?.active;
    if (!theirs) continue;
    for (const myClass of mine.discountClasses) {
      for (const theirClass of Object.keys(applied.amounts) as DiscountClass[]) {
        const iRefuse = !mine.combinesWith[COMBINES_KEY[theirClass]];
        const theyRefuse = !theirs.combinesWith[COMBINES_KEY[myClass]];
        if (!iRefuse && !theyRefuse) continue;
        const other = discountLabel(applied);
        const why =
          iRefuse && theyRefuse && myClass === theirClass
            ? `neither combines with other ${CLASS_WORDS[myClass]} discounts`
            : iRefuse
              ? `${code} doesn't combine with ${CLASS_WORDS[theirClass]} discounts`
              : `${other} doesn't combine with ${CLASS_WORDS[myClass]} discounts`;
        reasons.push(`${code} can't be combined with ${other}: ${why}. Checkout keeps the combination that saves the shopper most.`);
      }
    }
  }
  if (reasons.length > 0) return [...new Set(reasons)];
  return mine.discountClasses.includes("PRODUCT")
    ? [`${code} takes less off these items than the discounts that applied, and each item takes one product discount`]
    : [`Checkout keeps the combination of discounts that saves the shopper most, and ${code} isn't in it`];
}

const dedupe = (messages: string[]) => [...new Set(messages)];

interface Group {
  key: string;
  discountId: string | null;
  title: string;
  campaign: Campaign | null;
  runnable: RunnableDiscount | null;
  view: CampaignView | null;
  codes: SimulatedCode[];
}

export async function explainSimulation(context: ExplainContext): Promise<CartSimulation> {
  const { db, shopDomain, result, runnable } = context;
  const discountIds = [...runnable.map((discount) => discount.store.id), ...context.entered.flatMap((code) => (code.discount ? [code.discount.id] : []))];
  const campaigns = await db.campaign.findMany({ where: { shopDomain, shopifyDiscountId: { in: discountIds } } });
  const campaignOf = (discountId: string) => campaigns.find((campaign) => campaign.shopifyDiscountId === discountId) ?? null;
  const groups = new Map<string, Group>();
  const groupFor = (key: string, make: () => Omit<Group, "key" | "codes">): Group => {
    let group = groups.get(key);
    if (!group) {
      group = { key, codes: [], ...make() };
      groups.set(key, group);
    }
    return group;
  };
  const runnableGroup = (discount: RunnableDiscount) =>
    groupFor(discount.store.id, () => {
      const campaign = campaignOf(discount.store.id);
      return {
        discountId: discount.store.id,
        title: campaign?.name ?? discount.store.title,
        campaign,
        runnable: discount,
        view: campaign ? campaignView(context, discount, JSON.parse(campaign.config) as CampaignConfig) : null,
      };
    });
  const otherCodes: SimulatedCode[] = [];

  for (const status of result.codes) {
    const typed = context.entered.find((entered) => sameCode(entered.typed, status.code));
    const found = typed?.discount ?? null;
    const owner = runnable.find((discount) => discount.active.codes.some((code) => sameCode(code, status.code))) ?? null;
    const simulated = await explainCode(context, status, owner, found, owner ? runnableGroup(owner).view : null);
    if (owner) {
      runnableGroup(owner).codes.push(simulated);
      continue;
    }
    const campaign = found
      ? campaignOf(found.id)
      : status.status === "REJECTED" && status.reason === "NOT_FOUND"
        ? await campaignByCode(db, shopDomain, status.code)
        : null;
    if (campaign) {
      const group = groupFor(`campaign:${campaign.id}`, () => ({
        discountId: campaign.shopifyDiscountId,
        title: campaign.name,
        campaign,
        runnable: null,
        view: null,
      }));
      // Checkout doesn't know the code; the campaign says why.
      group.codes.push({ ...simulated, reasons: await notRunningReasons(context, campaign, status.code, found !== null) });
    } else {
      otherCodes.push(simulated);
    }
  }
  // Automatic discounts that gave something (the guard never does).
  for (const applied of result.appliedDiscounts) {
    const discount = runnable.find((candidate) => candidate.active.id === applied.discountId);
    if (discount) runnableGroup(discount);
  }

  return {
    currencyCode: result.currencyCode,
    simulatedAt: result.checkedOutAt,
    totals: result.totals,
    lines: simulatedLines(context),
    discounts: [...groups.values()].map((group) => simulatedDiscount(context, group)),
    otherCodes,
    notPriced: context.notPriced,
  };
}

async function explainCode(
  context: ExplainContext,
  status: CodeStatus,
  owner: RunnableDiscount | null,
  found: EnteredCode["discount"],
  view: CampaignView | null,
): Promise<SimulatedCode> {
  const code = status.code;
  if (status.status === "APPLIED") return { code, verdict: "applied", shopperMessage: null, reasons: [] };
  if (status.status === "EXTERNAL") {
    return {
      code,
      verdict: "not priced",
      shopperMessage: null,
      reasons: [
        `${code} belongs to "${found?.title ?? code}", a discount made outside PromoGuard: Shopify applies it by its own rules, which the simulator doesn't run`,
      ],
    };
  }
  const refused = (reasons: string[]): SimulatedCode => ({ code, verdict: "refused", shopperMessage: status.message, reasons: dedupe(reasons) });
  const campaignSays = view ? view.reasons(code) : [];
  switch (status.reason) {
    case "REJECTED_BY_FUNCTION": {
      const outside = !owner && found ? [`${code} belongs to "${found.title}", a discount made outside PromoGuard`] : [];
      return refused([status.message, ...outside, ...campaignSays]);
    }
    case "NOT_APPLICABLE":
      return refused(campaignSays.length > 0 ? campaignSays : [`${code} gives nothing on this cart`]);
    case "NOT_COMBINABLE":
      return refused(owner ? combinationReasons(context, code, owner) : []);
    case "NOT_FOUND":
    default: {
      if (found && found.status !== "ACTIVE") {
        const when = found.status === "SCHEDULED" ? "hasn't started yet" : "has ended or is switched off";
        return refused([`${code} belongs to "${found.title}", which ${when}`]);
      }
      return refused(found ? [] : [`No discount in the store has the code ${code}`]);
    }
  }
}

function simulatedLines(context: ExplainContext): SimulatedLine[] {
  return context.result.lines.map((line) => {
    const cartLine = context.cart.lines.find((candidate) => candidate.id === line.id)!;
    const variant = context.variants.find((candidate) => candidate.id === cartLine.variant.id)!;
    return {
      lineId: line.id,
      variantId: variant.id,
      title: variant.displayName,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal: line.subtotal,
      discount: sum(line.allocations.map((allocation) => allocation.amount)),
      total: line.total,
    };
  });
}

function simulatedDiscount(context: ExplainContext, group: Group): SimulatedDiscount {
  const { result } = context;
  const applied = group.discountId ? result.appliedDiscounts.find((discount) => discount.discountId === group.discountId) : undefined;
  const subject = group.runnable?.active.codes[0] ?? group.codes[0]?.code ?? "This offer";
  const notes = group.view?.notes(subject) ?? {};
  const lines: DiscountOnLine[] = group.runnable
    ? result.lines.map((line) => ({
        lineId: line.id,
        title: context.variants.find((variant) => variant.id === context.cart.lines.find((candidate) => candidate.id === line.id)!.variant.id)!.displayName,
        amount: sum(line.allocations.filter((allocation) => allocation.discountId === group.discountId).map((allocation) => allocation.amount)),
        notes: notes[line.id] ?? [],
      }))
    : [];
  return {
    discountId: group.discountId,
    title: group.title,
    campaign: group.campaign ? { id: group.campaign.id, name: group.campaign.name } : null,
    applied: applied !== undefined,
    amount: applied?.total ?? "0.00",
    amounts: {
      ...(applied?.amounts.PRODUCT ? { product: applied.amounts.PRODUCT } : {}),
      ...(applied?.amounts.ORDER ? { order: applied.amounts.ORDER } : {}),
      ...(applied?.amounts.SHIPPING ? { shipping: applied.amounts.SHIPPING } : {}),
    },
    lines,
    codes: group.codes,
  };
}
