// One pass over the cart lines: which lines the campaign covers, and — when its rules need them —
// their subtotal and quantity. At 200 lines every operation here is paid 200 times inside
// Shopify's 11M-instruction budget, so the loop is written flat: no call, object or closure per
// line, and a price is parsed only when the rules need one (parsing a Decimal costs as much as
// reading the rest of the line).
import type { CampaignInput, LineInput, ProductInput } from "./input";
import { UnexpectedInputError, currency, parseRate, roundHalfUp } from "./money";
import type { Currency } from "./money";
import type { LineMatcher, Rules, ValueList } from "./rules";

export interface CartFacts {
  cur: Currency;
  /** Shop currency → cart currency. */
  rate: number;
  /** Lines in the campaign's scope (never gift cards or custom products). */
  eligible: LineInput[];
  /** All other lines: what an order discount leaves out. */
  ineligibleIds: string[];
  /** Minor units; -1 when the campaign's query does not read prices. */
  eligibleSubtotal: number;
  /** -1 when the campaign's query does not read quantities. */
  eligibleQuantity: number;
}

/** A positive 32-bit quantity, as the schema's Int promises; anything else is not Shopify's input. */
export function quantityOf(line: LineInput): number {
  const quantity = line.q as number;
  if (!(quantity >= 1 && quantity <= 2147483647 && quantity % 1 === 0)) throw new UnexpectedInputError("a line quantity is not a positive 32-bit integer");
  return quantity;
}

/** A line's unit price in minor units. */
export function unitPriceOf(line: LineInput, cur: Currency): number {
  const amount = line.c === undefined ? undefined : line.c.a.a;
  const value = +(amount as string);
  if (amount === undefined || amount === "" || !(value >= 0 && value <= 1e12)) throw new UnexpectedInputError(`"${amount}" is not an amount`);
  return roundHalfUp(value * cur.scale);
}

/** A value list as the line loop looks it up: searched as text, or as keys. */
type Lookup = ValueList | Record<string, 1>;

/** Above this many lines, a value list is worth turning into keys first. */
const KEYED_FROM_LINES = 8;

function lookup(list: ValueList, lineCount: number): Lookup {
  if (lineCount <= KEYED_FROM_LINES) return list;
  const keys: Record<string, 1> = {};
  const values = list.split("\n");
  for (let k = 0; k < values.length; k++) if (values[k] !== "") keys[values[k]] = 1;
  return keys;
}

function has(values: Lookup, key: string): boolean {
  return typeof values === "string" ? values.indexOf(`\n${key}\n`) >= 0 : values[key] === 1;
}

/** A list of matchers laid out for the line loop: the flags, then one lookup per kind (or null). */
export interface Scope {
  flags: ("a" | "b" | "t" | "u" | "y")[];
  products: Lookup | null;
  variants: Lookup | null;
  skus: Lookup | null;
  vendors: Lookup | null;
  /** Lines with fewer units in stock than this match (a line without a stock figure does not). */
  stockBelow: number | null;
}

/** The units in stock PromoGuard last wrote on the line's variant, or null when it has none. */
export function stockOf(line: LineInput): number | null {
  const metafield = line.m.k;
  const stock = metafield == null ? null : metafield.j;
  return typeof stock === "number" ? stock : null;
}

export function scopeOf(matchers: LineMatcher[], lineCount: number): Scope {
  const scope: Scope = { flags: [], products: null, variants: null, skus: null, vendors: null, stockBelow: null };
  for (const matcher of matchers) {
    if (typeof matcher === "string") scope.flags.push(matcher);
    else if (matcher[0] === "k") scope.stockBelow = matcher[1];
    else if (typeof matcher[1] !== "string") throw new UnexpectedInputError("a value list is not text");
    else if (matcher[0] === "p") scope.products = lookup(matcher[1] as ValueList, lineCount);
    else if (matcher[0] === "v") scope.variants = lookup(matcher[1] as ValueList, lineCount);
    else if (matcher[0] === "s") scope.skus = lookup(matcher[1] as ValueList, lineCount);
    else scope.vendors = lookup(matcher[1] as ValueList, lineCount);
  }
  return scope;
}

function isBelow(line: LineInput, below: number): boolean {
  const stock = stockOf(line);
  return stock !== null && stock < below;
}

/** Whether any of the scope's matchers holds for the line (`p` is its product). */
export function inScope(scope: Scope, line: LineInput, p: ProductInput): boolean {
  const flags = scope.flags;
  for (let k = 0; k < flags.length; k++) if (p[flags[k]] === true) return true;
  if (scope.products !== null && has(scope.products, p.i as string)) return true;
  if (scope.variants !== null && has(scope.variants, line.m.i as string)) return true;
  if (scope.skus !== null && line.m.s != null && has(scope.skus, line.m.s)) return true;
  if (scope.stockBelow !== null && isBelow(line, scope.stockBelow)) return true;
  return scope.vendors !== null && p.v != null && has(scope.vendors, p.v.toLowerCase());
}

/** Line ids go into the output as they are; one that is not a string is not Shopify's input. */
export function lineId(line: LineInput): string {
  if (typeof line.i !== "string") throw new UnexpectedInputError("a cart line id is not a string");
  return line.i;
}

function needsSubtotal(rules: Rules): boolean {
  if (rules.cap !== undefined) return true;
  for (const check of rules.k ?? []) if (check[0] === "ms") return true;
  for (const effect of rules.e) if (effect[0] === "t" && effect[1] === "s") return true;
  return false;
}

/** `explain`: sum the prices the query read even where no rule needs the total (explanations name it). */
export function readCart(input: CampaignInput, rules: Rules, explain = false): CartFacts {
  const cur = currency(input.c.c.s.c);
  const facts: CartFacts = { cur, rate: parseRate(input.r), eligible: [], ineligibleIds: [], eligibleSubtotal: -1, eligibleQuantity: -1 };
  const lines = input.c.l;
  const include = rules.i === undefined ? null : scopeOf(rules.i, input.c.l.length);
  const exclude = rules.x === undefined ? null : scopeOf(rules.x, input.c.l.length);
  // The common case, one collection or tag to include and nothing excluded (or only low stock),
  // reads one flag per line (and its stock).
  const stockOnly = exclude !== null && rules.x!.length === 1 && exclude.stockBelow !== null;
  const onlyFlag = (exclude === null || stockOnly) && rules.i !== undefined && rules.i.length === 1 && typeof rules.i[0] === "string" ? rules.i[0] : null;
  const below = stockOnly ? (exclude.stockBelow as number) : -1;
  const first = lines[0];
  const counted = first !== undefined && first.q !== undefined;
  // Prices are summed only for what needs the eligible subtotal: a minimum, subtotal tiers, the cap.
  const priced = counted && first.c !== undefined && (explain || needsSubtotal(rules));
  const eligible = facts.eligible;
  // Only order discounts name the lines they leave out.
  const ineligible = rules.e.some((effect) => effect[2] === "O") ? facts.ineligibleIds : null;
  let subtotal = 0;
  let quantity = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const p = line.m.p;
    const covered =
      p !== undefined &&
      p.g === false &&
      (onlyFlag !== null
        ? p[onlyFlag] === true && !(below > 0 && isBelow(line, below))
        : (include === null || inScope(include, line, p)) && (exclude === null || !inScope(exclude, line, p)));
    if (!covered) {
      if (ineligible !== null) ineligible[ineligible.length] = line.i;
      continue;
    }
    eligible[eligible.length] = line;
    if (!counted) continue;
    const q = line.q as number;
    if (!(q >= 1 && q <= 2147483647 && q % 1 === 0)) throw new UnexpectedInputError("a line quantity is not a positive 32-bit integer");
    quantity += q;
    if (!priced) continue;
    // Summed in major units and rounded once: exact to far below a minor unit for any real cart.
    const amount = (line.c as { a: { a: string } }).a.a;
    const price = +amount;
    if (typeof amount !== "string" || amount === "" || !(price >= 0 && price <= 1e12)) throw new UnexpectedInputError("a line price is not an amount");
    subtotal += price * q;
  }
  if (counted) facts.eligibleQuantity = quantity;
  if (priced) facts.eligibleSubtotal = roundHalfUp(subtotal * cur.scale);
  return facts;
}
