// What each effect gives once a campaign's conditions hold: a discount on lines or the order
// (`LinesDiscount`), or free delivery options. Amounts are cart-currency minor units.
import { inScope, lineId, quantityOf, scopeOf, stockOf, unitPriceOf } from "./cart";
import type { CartFacts } from "./cart";
import type { LineInput } from "./input";
import { UnexpectedInputError, convertShopAmount, formatMoney, percentOf, roundHalfUp } from "./money";
import type { CartLineTargetOutput } from "./output";
import type { EffectRule, LineMatcher, LinesClass, Tier } from "./rules";

export type DiscountValue = { kind: "%"; percentage: number } | { kind: "$"; amount: number; each: boolean };

export interface LinesDiscount {
  cls: LinesClass;
  /** Product discounts: the lines (or units) discounted. */
  targets: CartLineTargetOutput[];
  /** Buy X get Y: the units that earn the discount. */
  prerequisites: { cartLine: { id: string; quantity: number } }[];
  value: DiscountValue;
  /** What the discount is worth on this cart, for the per-order cap; -1 when prices are not read. */
  worth: number;
  /** The effect's own description, e.g. "15% off". */
  description: string;
  /** Order discounts whose minimum subtotal Shopify checks (shop currency): the rules did not
   * need prices, so the function leaves the sum to Shopify (`orderMinimumSubtotal`). */
  minimum?: number;
  /** Tiers by subtotal that Shopify chooses among, highest first: the first reached applies. */
  tiers?: LinesDiscount[];
}

export interface DeliveryOptionFacts {
  handle: string;
  cost: number;
}

function wholeLines(lines: LineInput[]): CartLineTargetOutput[] {
  const targets: CartLineTargetOutput[] = [];
  for (let k = 0; k < lines.length; k++) targets[k] = { cartLine: { id: lineId(lines[k]) } };
  return targets;
}

function lineDiscount(facts: CartFacts, cls: LinesClass, value: DiscountValue, worth: number, description: string): LinesDiscount | null {
  if (facts.eligible.length === 0 || worth === 0) return null;
  return { cls, targets: cls === "P" ? wholeLines(facts.eligible) : [], prerequisites: [], value, worth, description };
}

function known(facts: CartFacts, worth: () => number): number {
  return facts.eligibleSubtotal < 0 ? -1 : worth();
}

function percentageOff(facts: CartFacts, percentage: number, cls: LinesClass): LinesDiscount | null {
  return lineDiscount(
    facts,
    cls,
    { kind: "%", percentage },
    known(facts, () => percentOf(facts.eligibleSubtotal, percentage)),
    `${percentage}% off`,
  );
}

/** A fixed amount once per order: spread over the eligible lines (P) or off their subtotal (O). */
function amountOffOnce(facts: CartFacts, shopAmount: number, cls: LinesClass): LinesDiscount | null {
  const amount = convertShopAmount(shopAmount, facts.rate, facts.cur);
  const worth = known(facts, () => Math.min(amount, facts.eligibleSubtotal));
  return lineDiscount(facts, cls, { kind: "$", amount, each: false }, worth, `${formatMoney(amount, facts.cur)} off`);
}

function amountOffEachItem(facts: CartFacts, shopAmount: number): LinesDiscount | null {
  const amount = convertShopAmount(shopAmount, facts.rate, facts.cur);
  const worth = known(facts, () => {
    let sum = 0;
    for (const line of facts.eligible) sum += Math.min(amount, unitPriceOf(line, facts.cur)) * quantityOf(line);
    return sum;
  });
  return lineDiscount(facts, "P", { kind: "$", amount, each: true }, worth, `${formatMoney(amount, facts.cur)} off each item`);
}

function tierReached(tier: Tier, basis: "q" | "s", facts: CartFacts): boolean {
  return basis === "q" ? facts.eligibleQuantity >= tier[0] : facts.eligibleSubtotal >= convertShopAmount(tier[0], facts.rate, facts.cur);
}

/** Tiers are compiled ascending, so the last one reached is the best. */
export function bestTier(tiers: Tier[], basis: "q" | "s", facts: CartFacts): Tier | null {
  let best: Tier | null = null;
  for (const tier of tiers) if (tierReached(tier, basis, facts)) best = tier;
  return best;
}

function tierDiscount(facts: CartFacts, tier: Tier, cls: LinesClass): LinesDiscount | null {
  return tier[1] !== null ? percentageOff(facts, tier[1], cls) : amountOffOnce(facts, tier[2] as number, cls);
}

function tiers(facts: CartFacts, basis: "q" | "s", cls: LinesClass, list: Tier[]): LinesDiscount | null {
  if (basis === "s" && facts.eligibleSubtotal < 0) {
    // Prices are not read: each tier is a candidate with its own minimum, and Shopify applies the best one reached.
    const candidates: LinesDiscount[] = [];
    for (let k = list.length - 1; k >= 0; k--) {
      const candidate = tierDiscount(facts, list[k], cls);
      if (candidate !== null) candidates.push({ ...candidate, minimum: list[k][0] });
    }
    return candidates.length === 0 ? null : { ...candidates[0], tiers: candidates };
  }
  const tier = bestTier(list, basis, facts);
  return tier === null ? null : tierDiscount(facts, tier, cls);
}

/**
 * Buy X get Y: units on both sides can serve either side, but only once; the cheapest eligible
 * units are discounted, and the units that earn the discount are sent as prerequisites. Lines
 * are kept in parallel arrays and sorted as packed numbers in a typed array: no object and no
 * comparator call per line.
 */
function buyXGetY(
  facts: CartFacts,
  buy: number,
  get: number,
  percentage: number,
  maxApplications: number,
  buySide: LineMatcher[] | null,
  allLines: LineInput[],
): LinesDiscount | null {
  const eligible = facts.eligible;
  // Per candidate line: the line, its unit price, its quantity and its side (0 buy only, 1 both, 2 get only).
  const lines: LineInput[] = [];
  const prices: number[] = [];
  const quantities: number[] = [];
  const sides: number[] = [];
  let buyOnlyUnits = 0;
  let sharedUnits = 0;
  let getOnlyUnits = 0;
  // Without a buy side of its own, only the eligible lines take part.
  const source = buySide === null ? eligible : allLines;
  const buyScope = buySide === null ? null : scopeOf(buySide, allLines.length);
  let next = 0;
  const scale = facts.cur.scale;
  let count = 0;
  for (let index = 0; index < source.length; index++) {
    const line = source[index];
    const isGet = eligible[next] === line;
    if (isGet) next++;
    const p = line.m.p;
    if (p === undefined || p.g !== false) continue;
    const isBuy = buyScope === null ? isGet : inScope(buyScope, line, p);
    if (!isBuy && !isGet) continue;
    const quantity = line.q as number;
    const amount = (line.c as { a: { a: string } }).a.a;
    const price = +amount;
    if (!(quantity >= 1 && quantity <= 2147483647 && quantity % 1 === 0) || typeof amount !== "string" || amount === "" || !(price >= 0 && price <= 1e12)) {
      throw new UnexpectedInputError("a line quantity or price is not Shopify's");
    }
    const side = isBuy ? (isGet ? 1 : 0) : 2;
    if (side === 0) buyOnlyUnits += quantity;
    else if (side === 1) sharedUnits += quantity;
    else getOnlyUnits += quantity;
    lines[count] = line;
    prices[count] = roundHalfUp(price * scale);
    quantities[count] = quantity;
    sides[count] = side;
    count++;
  }
  const applications = Math.min(
    Math.floor((buyOnlyUnits + sharedUnits) / buy),
    Math.floor((getOnlyUnits + sharedUnits) / get),
    Math.floor((buyOnlyUnits + sharedUnits + getOnlyUnits) / (buy + get)),
    maxApplications > 0 ? maxApplications : Number.POSITIVE_INFINITY,
  );
  if (applications <= 0) return null;

  // The "get" lines cheapest first; equal prices keep the cart's order.
  let getCount = 0;
  for (let k = 0; k < sides.length; k++) if (sides[k] !== 0) getCount++;
  const order = new Float64Array(getCount);
  let slot = 0;
  for (let k = 0; k < sides.length; k++) if (sides[k] !== 0) order[slot++] = prices[k] * 65536 + k;
  order.sort();

  let toDiscount = applications * get;
  let sharedAllowance = sharedUnits - Math.max(0, applications * buy - buyOnlyUnits);
  const discounted = new Float64Array(count);
  const targets: CartLineTargetOutput[] = [];
  let worth = 0;
  for (let rank = 0; rank < order.length && toDiscount > 0; rank++) {
    const k = order[rank] % 65536;
    const shared = sides[k] === 1;
    const units = Math.min(quantities[k], toDiscount, shared ? sharedAllowance : quantities[k]);
    if (units <= 0) continue;
    if (shared) sharedAllowance -= units;
    toDiscount -= units;
    discounted[k] = units;
    targets.push({ cartLine: { id: lineId(lines[k]), quantity: units } });
    worth += percentOf(prices[k] * units, percentage);
  }

  // The "buy" units that earn the discount: buy-only lines first, then shared ones, in cart order.
  let toRequire = applications * buy;
  const prerequisites: { cartLine: { id: string; quantity: number } }[] = [];
  for (let side = 0; side <= 1; side++) {
    for (let k = 0; k < count && toRequire > 0; k++) {
      if (sides[k] !== side) continue;
      const units = Math.min(quantities[k] - discounted[k], toRequire);
      if (units <= 0) continue;
      toRequire -= units;
      prerequisites.push({ cartLine: { id: lineId(lines[k]), quantity: units } });
    }
  }
  const description = `Buy ${buy}, get ${get} ${percentage === 100 ? "free" : `${percentage}% off`}`;
  return { cls: "P", targets, prerequisites, value: { kind: "%", percentage }, worth, description };
}

/**
 * A percentage on lines, where lines with more than `above` units in stock get the deeper
 * percentage instead: two discounts over disjoint lines. Without overstocked lines, one.
 */
function percentageWithOverstock(facts: CartFacts, percentage: number, overstock: [number, number]): LinesDiscount[] {
  const [above, deeper] = overstock;
  const regular: LineInput[] = [];
  const overstocked: LineInput[] = [];
  for (const line of facts.eligible) {
    const stock = stockOf(line);
    (stock !== null && stock > above ? overstocked : regular).push(line);
  }
  if (overstocked.length === 0) return [percentageOff(facts, percentage, "P")].filter((discount): discount is LinesDiscount => discount !== null);
  const part = (lines: LineInput[], value: number): LinesDiscount | null => {
    if (lines.length === 0) return null;
    const worth = facts.eligibleSubtotal < 0 ? -1 : percentOf(subtotalOf(lines, facts), value);
    return lineDiscount({ ...facts, eligible: lines }, "P", { kind: "%", percentage: value }, worth, `${value}% off`);
  };
  return [part(regular, percentage), part(overstocked, deeper)].filter((discount): discount is LinesDiscount => discount !== null);
}

function subtotalOf(lines: LineInput[], facts: CartFacts): number {
  let sum = 0;
  for (const line of lines) sum += unitPriceOf(line, facts.cur) * quantityOf(line);
  return sum;
}

/** What the effect gives on lines or the order: usually one discount, none when it gives nothing. */
export function linesDiscounts(effect: EffectRule, facts: CartFacts, allLines: LineInput[]): LinesDiscount[] {
  if (effect[0] === "%" && effect[2] === "P" && effect[3] !== undefined) return percentageWithOverstock(facts, effect[1], effect[3]);
  const discount = linesDiscount(effect, facts, allLines);
  return discount === null ? [] : [discount];
}

function linesDiscount(effect: EffectRule, facts: CartFacts, allLines: LineInput[]): LinesDiscount | null {
  switch (effect[0]) {
    case "%":
      return percentageOff(facts, effect[1], effect[2]);
    case "$":
      return effect[2] === "E" ? amountOffEachItem(facts, effect[1]) : amountOffOnce(facts, effect[1], effect[2]);
    case "x":
      return buyXGetY(facts, effect[1], effect[2], effect[3], effect[4], effect[5], allLines);
    case "t":
      return tiers(facts, effect[1], effect[2], effect[3]);
    default:
      return null;
  }
}

/** Free shipping: the options it covers (paid, within the rate cap, of an allowed method). */
export function freeOptions(effect: EffectRule, options: DeliveryOptionFacts[], methods: string[], facts: CartFacts): DeliveryOptionFacts[] {
  if (effect[0] !== "s") return [];
  const rateCap = effect[1] < 0 ? Number.POSITIVE_INFINITY : convertShopAmount(effect[1], facts.rate, facts.cur);
  const allowed = effect[2];
  const free: DeliveryOptionFacts[] = [];
  for (let k = 0; k < options.length; k++) {
    const option = options[k];
    if (option.cost > 0 && option.cost <= rateCap && (allowed === null || allowed[methods[k]] === 1)) free.push(option);
  }
  return free;
}
