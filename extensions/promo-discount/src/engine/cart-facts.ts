// Reduces the function input to CartFacts in a single pass over the cart lines. The campaign's
// line conditions are compiled to matchers once, before the pass; each line then costs a few
// Set lookups, whatever the size of the config.
import { LINE_CONDITIONS, isConfigured } from "../config/conditions";
import type { LineMatcher } from "../config/conditions";
import type { CartFacts, DeliveryOptionFacts, LineFacts, LocalTimeFacts } from "../config/facts";
import { WEEKDAYS } from "../config/types";
import type { ConditionArgs } from "../config/types";
import type { RunInput } from "../input";
import { UnexpectedInputError, currency, parseRate, toMinorUnits } from "../money";
import type { Currency } from "../money";
import { checkedFlag, checkedQuantity, checkedText } from "./input-checks";

export interface LineScope {
  includes: LineMatcher[];
  excludes: LineMatcher[];
}

export function compileLineScope(config: ConditionArgs): LineScope {
  const scope: LineScope = { includes: [], excludes: [] };
  for (const condition of LINE_CONDITIONS) {
    if (isConfigured(condition, config)) (condition.mode === "include" ? scope.includes : scope.excludes).push(condition.matcher(config));
  }
  return scope;
}

function inScope(scope: LineScope, line: LineFacts): boolean {
  if (scope.includes.length > 0 && !scope.includes.some((matches) => matches(line))) return false;
  return !scope.excludes.some((matches) => matches(line));
}

/** No line conditions: every discountable line is in scope (what the stacking guard uses). */
export const WHOLE_CART: LineScope = { includes: [], excludes: [] };

export function buildCartFacts(input: RunInput, scope: LineScope): CartFacts {
  const cur = currency(input.cart.cost.subtotalAmount.currencyCode);
  const facts: CartFacts = {
    currency: cur,
    rate: parseRate(input.presentmentCurrencyRate),
    lines: [],
    eligibleLines: [],
    ineligibleLineIds: [],
    eligibleSubtotal: 0,
    eligibleQuantity: 0,
    merchandiseSubtotal: 0,
    merchandiseQuantity: 0,
    customer: customerFacts(input),
    isB2B: input.cart.buyerIdentity?.purchasingCompany != null,
    deliveryCountries: deliveryCountries(input),
    localTime: localTimeFacts(input.shop.localTime),
    deliveryOptions: deliveryOptions(input, cur),
  };

  for (const line of input.cart.lines) {
    const id = checkedText(line.id, "cart line id");
    const quantity = checkedQuantity(line.quantity, "cart line quantity");
    const merchandise = line.merchandise;
    if (merchandise.__typename !== "ProductVariant" || checkedFlag(merchandise.product.isGiftCard, "isGiftCard")) {
      facts.ineligibleLineIds.push(id);
      continue;
    }
    const product = merchandise.product;
    const lineFacts: LineFacts = {
      id,
      quantity,
      unitPrice: toMinorUnits(line.cost.amountPerQuantity.amount, cur),
      subtotal: toMinorUnits(line.cost.subtotalAmount.amount, cur),
      productId: product.id,
      variantId: merchandise.id,
      sku: merchandise.sku,
      vendor: product.vendor,
      inIncludedCollection: product.inIncludedCollection,
      inExcludedCollection: product.inExcludedCollection,
      inBuyCollection: product.inBuyCollection,
      hasIncludedTag: product.hasIncludedTag,
      hasExcludedTag: product.hasExcludedTag,
      eligible: false,
    };
    lineFacts.eligible = inScope(scope, lineFacts);
    facts.lines.push(lineFacts);
    facts.merchandiseSubtotal += lineFacts.subtotal;
    facts.merchandiseQuantity += lineFacts.quantity;
    if (lineFacts.eligible) {
      facts.eligibleLines.push(lineFacts);
      facts.eligibleSubtotal += lineFacts.subtotal;
      facts.eligibleQuantity += lineFacts.quantity;
    } else facts.ineligibleLineIds.push(id);
  }
  return facts;
}

/** The same cart seen without the campaign's product scope: what the stacking guard tests codes on. */
export function wholeCartView(facts: CartFacts): CartFacts {
  return {
    ...facts,
    eligibleLines: facts.lines,
    eligibleSubtotal: facts.merchandiseSubtotal,
    eligibleQuantity: facts.merchandiseQuantity,
  };
}

function customerFacts(input: RunInput): CartFacts["customer"] {
  const customer = input.cart.buyerIdentity?.customer;
  if (!customer) return null;
  return {
    numberOfOrders: customer.numberOfOrders,
    hasAnyTag: customer.hasAnyTag,
    hasAllTags: customer.hasTags.every((response) => response.hasTag),
  };
}

function deliveryCountries(input: RunInput): string[] {
  const countries: string[] = [];
  for (const group of input.cart.deliveryGroups) {
    const country = group.deliveryAddress?.countryCode;
    if (country && !countries.includes(country)) countries.push(country);
  }
  // Before the buyer gives an address, the country they are shopping from is the best guess.
  return countries.length > 0 ? countries : [input.localization.country.isoCode];
}

function localTimeFacts(localTime: RunInput["shop"]["localTime"]): LocalTimeFacts {
  return {
    date: localTime.date,
    weekday: weekdayOf(localTime.date),
    afterStart: localTime.afterStart,
    beforeEnd: localTime.beforeEnd,
    withinHours: localTime.withinHours,
  };
}

export function weekdayOf(isoDate: string): LocalTimeFacts["weekday"] {
  const [year, month, day] = isoDate.split("-").map(Number);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const weekday = WEEKDAYS[(sundayFirst + 6) % 7];
  if (weekday === undefined) throw new UnexpectedInputError(`shop.localTime.date "${isoDate}" is not a date`);
  return weekday;
}

function deliveryOptions(input: RunInput, cur: Currency): DeliveryOptionFacts[] {
  const options: DeliveryOptionFacts[] = [];
  for (const group of input.cart.deliveryGroups) {
    for (const option of group.deliveryOptions ?? []) {
      options.push({ handle: checkedText(option.handle, "delivery option handle"), cost: toMinorUnits(option.cost.amount, cur), method: option.deliveryMethodType });
    }
  }
  return options;
}
