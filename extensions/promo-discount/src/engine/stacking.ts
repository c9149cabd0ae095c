// The shop-wide stacking policy across codes. Shopify's combinesWith only knows discount
// classes; PromoGuard adds exclusive/joint categories, a limit of codes per order and best-value
// or priority selection. The guard discount turns the decision into
// `enteredDiscountCodesReject` operations; each campaign also checks it for its own code, so a
// losing code never discounts even where a rejection is impossible.
import { GUARDABLE_CONDITIONS, catalogueEntryIssues, findCampaign, indexCatalogue } from "../config/catalogue";
import type { CatalogueEntry, CatalogueIndex } from "../config/catalogue";
import { isConfigured } from "../config/conditions";
import type { CartFacts } from "../config/facts";
import type { EnteredDiscountCode, RunInput } from "../input";
import { convertShopAmount, percentOf } from "../money";
import { checkedFlag, checkedText } from "./input-checks";

export interface RejectedCode {
  code: string;
  message: string;
}

export interface StackingDecision {
  accepted: string[];
  rejected: RejectedCode[];
}

interface Contender {
  code: string;
  entry: CatalogueEntry;
  /** Codes Shopify has already applied cannot be rejected, so they are kept first. */
  locked: boolean;
  value: number;
  position: number;
}

/** The catalogue from the shop metafield, or null when it is missing or malformed (policy off). */
export function readCatalogue(input: RunInput): CatalogueIndex | null {
  const raw = input.shop.stackingCatalogue?.jsonValue;
  if (raw === undefined || raw === null) return null;
  const result = indexCatalogue(raw);
  if (!result.ok) {
    console.error(`PromoGuard: stacking catalogue ignored: ${result.issues[0].path} ${result.issues[0].message}`);
    return null;
  }
  return result.value;
}

/** A matched entry that fails its check is ignored, so its code is treated as not listed. */
function listedCampaign(index: CatalogueIndex, code: string): CatalogueEntry | undefined {
  const entry = findCampaign(index, code);
  if (entry === undefined) return undefined;
  const issues = catalogueEntryIssues(entry);
  if (issues.length === 0) return entry;
  console.error(`PromoGuard: catalogue entry for ${code} ignored: ${issues[0].path} ${issues[0].message}`);
  return undefined;
}

/** What a listed code is estimated to be worth on this cart, for best-value ranking. */
export function estimatedValue(entry: CatalogueEntry, cart: CartFacts): number {
  const value = entry[3];
  return value.endsWith("%")
    ? percentOf(cart.merchandiseSubtotal, Number(value.slice(0, -1)))
    : Math.min(convertShopAmount(value, cart.rate, cart.currency), cart.merchandiseSubtotal);
}

/** The first rule of a catalogue entry the cart fails, as a shopper-facing message. */
export function unmetRule(entry: CatalogueEntry, cart: CartFacts, code: string): string | null {
  const rules = entry[4];
  if (rules === undefined) return null;
  for (const condition of GUARDABLE_CONDITIONS) {
    if (isConfigured(condition, rules) && !condition.test(cart, rules)) return condition.explain(rules, cart, code);
  }
  return null;
}

/**
 * `cart` must be the whole-cart view (wholeCartView): the guard does not know each campaign's
 * product scope, so its subtotal rules are necessary conditions, never stricter than the campaign.
 */
export function resolveStacking(codes: EnteredDiscountCode[], index: CatalogueIndex, cart: CartFacts): StackingDecision {
  const { maxCodesPerOrder, selection, unlistedCodes } = index.catalogue;
  const decision: StackingDecision = { accepted: [], rejected: [] };
  const contenders: Contender[] = [];

  codes.forEach((entered, position) => {
    const code = checkedText(entered.code, "entered discount code");
    const rejectable = checkedFlag(entered.rejectable, "rejectable");
    const entry = listedCampaign(index, code);
    if (entry === undefined) {
      if (unlistedCodes === "refuse" && rejectable) decision.rejected.push({ code, message: `${code} can't be used on this order` });
      else decision.accepted.push(code);
      return;
    }
    const unmet = rejectable ? unmetRule(entry, cart, code) : null;
    if (unmet !== null) decision.rejected.push({ code, message: unmet });
    else contenders.push({ code, entry, locked: !rejectable, value: estimatedValue(entry, cart), position });
  });

  contenders.sort((a, b) => rank(a, b, selection));
  const kept: Contender[] = [];
  for (const contender of contenders) {
    const conflict = contender.locked ? null : conflictWith(contender, kept, maxCodesPerOrder);
    if (conflict === null) {
      kept.push(contender);
      decision.accepted.push(contender.code);
    } else decision.rejected.push({ code: contender.code, message: conflict });
  }
  return decision;
}

function rank(a: Contender, b: Contender, selection: "bestValue" | "priority"): number {
  if (a.locked !== b.locked) return a.locked ? -1 : 1;
  const byValue = b.value - a.value;
  const byPriority = b.entry[2] - a.entry[2];
  const first = selection === "bestValue" ? byValue : byPriority;
  const second = selection === "bestValue" ? byPriority : byValue;
  return first || second || a.position - b.position;
}

function conflictWith(contender: Contender, kept: Contender[], maxCodesPerOrder: number): string | null {
  const exclusive = kept.find((other) => other.entry[1] === "exclusive");
  if (exclusive) return `${contender.code} can't be combined with ${exclusive.code}`;
  if (contender.entry[1] === "exclusive" && kept.length > 0) return `${contender.code} can't be combined with ${kept[0].code}`;
  if (kept.length >= maxCodesPerOrder) {
    return `${contender.code} wasn't applied: only ${maxCodesPerOrder} discount code${maxCodesPerOrder === 1 ? "" : "s"} can be used on one order`;
  }
  return null;
}

export function sameCode(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
