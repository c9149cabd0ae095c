// The stacking guard: the shop's one automatic discount that enforces PromoGuard's policy across
// codes. Shopify's combinesWith only knows discount classes; the guard adds exclusive and joint
// categories, a limit of codes per order, best-value or priority selection, the cart-wide rules
// of each code, and the merchant's choice to refuse codes PromoGuard did not create. It turns
// the decision into `enteredDiscountCodesReject` operations and never discounts.
import { passes, checkMessage, weekdayIndex } from "./checks";
import type { CheckFacts } from "./checks";
import type { GuardInput } from "./input";
import { UnexpectedInputError, convertShopAmount, currency, parseRate, percentOf, toMinorUnits } from "./money";
import type { CartLinesDiscountsGenerateRunResult, RejectCodesOperation } from "./output";
import type { CartCheck } from "./rules";

export const CATALOGUE_VERSION = 2;

/**
 * The catalogue as the admin compiles it (shop metafield $app:promoguard.stacking-catalogue):
 * `x` lists exact codes, one per line, as "\nCODE\tSPEC" (searched, never split: a checkout
 * enters a few codes, the catalogue lists hundreds); `p` maps code prefixes (pool codes) to
 * their SPEC; `l` is the longest prefix. SPEC is the JSON of a CatalogueSpec.
 */
export interface CompiledCatalogue {
  v: typeof CATALOGUE_VERSION;
  /** PromoGuard codes allowed together on one order. */
  n: number;
  /** Selection: best value ("b") or priority ("p"). */
  s: "b" | "p";
  /** Refuse codes PromoGuard did not create (1) or leave them alone (0). */
  u: 0 | 1;
  x: string;
  p: Record<string, string>;
  l: number;
}

/** [exclusive (1) or joint (0), priority 0–1000, value, value is a percentage (1) or a shop-currency amount (0), cart checks] */
export type CatalogueSpec = [0 | 1, number, number, 0 | 1, CartCheck[]?];

interface Contender {
  code: string;
  spec: CatalogueSpec;
  /** Codes Shopify has already applied cannot be rejected, so they are kept first. */
  locked: boolean;
  value: number;
  position: number;
}

export interface RejectedCode {
  code: string;
  message: string;
}

export interface StackingDecision {
  accepted: string[];
  rejected: RejectedCode[];
}

/** The catalogue from the shop metafield, or null when it is missing or not ours (policy off). */
export function readCatalogue(input: GuardInput): CompiledCatalogue | null {
  const catalogue = input.s.c?.j as CompiledCatalogue | undefined | null;
  if (catalogue === undefined || catalogue === null) return null;
  if (
    typeof catalogue !== "object" ||
    catalogue.v !== CATALOGUE_VERSION ||
    typeof catalogue.x !== "string" ||
    typeof catalogue.p !== "object" ||
    catalogue.p === null
  ) {
    console.error(
      `PromoGuard: stacking catalogue ignored: version ${JSON.stringify((catalogue as { v?: unknown } | null)?.v)} is not understood (this function reads version ${CATALOGUE_VERSION})`,
    );
    return null;
  }
  return catalogue;
}

function isSpec(value: unknown): value is CatalogueSpec {
  return (
    Array.isArray(value) &&
    (value[0] === 0 || value[0] === 1) &&
    typeof value[1] === "number" &&
    typeof value[2] === "number" &&
    (value[3] === 0 || value[3] === 1) &&
    (value[4] === undefined || Array.isArray(value[4]))
  );
}

/** An exact listing wins over a prefix; among prefixes the longest wins. A listing that is not
 * a spec is ignored (one log line), so its code is treated as not listed. */
export function findSpec(catalogue: CompiledCatalogue, code: string): { spec: CatalogueSpec; pattern: string } | null {
  const upper = code.toUpperCase();
  let text: string | undefined;
  let pattern = upper;
  const at = catalogue.x.indexOf(`\n${upper}\t`);
  if (at >= 0) {
    const start = at + upper.length + 2;
    const end = catalogue.x.indexOf("\n", start);
    text = catalogue.x.slice(start, end < 0 ? catalogue.x.length : end);
  } else {
    for (let length = Math.min(upper.length, catalogue.l); length > 0 && text === undefined; length--) {
      pattern = `${upper.slice(0, length)}*`;
      text = catalogue.p[upper.slice(0, length)];
    }
  }
  if (text === undefined) return null;
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    spec = null;
  }
  if (isSpec(spec)) return { spec, pattern };
  console.error(`PromoGuard: catalogue entry for ${code} ignored: it is not a [category, priority, value, kind, rules] entry`);
  return null;
}

export function guardFacts(input: GuardInput): CheckFacts {
  const cur = currency(input.c.c.s.c);
  const buyer = input.c.b;
  const countries: string[] = [];
  for (const group of input.c.g) {
    const country = group.a?.c;
    if (country && countries.indexOf(country) < 0) countries.push(country);
  }
  if (countries.length === 0) countries.push(input.l.c.i);
  let quantity = 0;
  for (const line of input.c.l) quantity += line.q;
  weekdayIndex(input.s.t.d);
  return {
    cur,
    rate: parseRate(input.r),
    orders: buyer?.c == null ? null : buyer.c.n,
    business: buyer?.p != null,
    countries,
    date: input.s.t.d,
    withinHours: true,
    tags: [],
    // The whole cart, gift cards included: the guard does not know each campaign's scope, so its
    // subtotal and quantity rules only refuse codes the campaign would refuse too.
    subtotal: toMinorUnits(input.c.c.s.a, cur),
    quantity,
    uses: 0,
  };
}

/** How often the customer used each limited campaign, by its catalogue pattern (PromoGuard keeps it from their orders). */
function usesOf(input: GuardInput): Record<string, unknown> {
  const uses = input.c.b?.c?.u?.j;
  return typeof uses === "object" && uses !== null ? (uses as Record<string, unknown>) : {};
}

/** What a listed code is estimated to be worth on this cart, for best-value ranking. */
export function estimatedValue(spec: CatalogueSpec, facts: CheckFacts): number {
  return spec[3] === 1 ? percentOf(facts.subtotal, spec[2]) : Math.min(convertShopAmount(spec[2], facts.rate, facts.cur), facts.subtotal);
}

/** The first rule of a listed code the cart fails, as a shopper-facing message. */
export function unmetRule(spec: CatalogueSpec, facts: CheckFacts, code: string): string | null {
  const checks = spec[4];
  if (checks === undefined) return null;
  for (const check of checks) if (!passes(check, facts)) return checkMessage(check, facts, code);
  return null;
}

function checkedCode(entered: { c: unknown; r: unknown }): { code: string; rejectable: boolean } {
  if (typeof entered.c !== "string" || entered.c.length === 0) throw new UnexpectedInputError("an entered discount code is not a string");
  if (typeof entered.r !== "boolean") throw new UnexpectedInputError("rejectable is not a boolean");
  return { code: entered.c, rejectable: entered.r };
}

function rank(a: Contender, b: Contender, selection: "b" | "p"): number {
  if (a.locked !== b.locked) return a.locked ? -1 : 1;
  const byValue = b.value - a.value;
  const byPriority = b.spec[1] - a.spec[1];
  const first = selection === "b" ? byValue : byPriority;
  const second = selection === "b" ? byPriority : byValue;
  return first || second || a.position - b.position;
}

function conflictWith(contender: Contender, kept: Contender[], maxCodesPerOrder: number): string | null {
  const exclusive = kept.find((other) => other.spec[0] === 1);
  if (exclusive) return `${contender.code} can't be combined with ${exclusive.code}`;
  if (contender.spec[0] === 1 && kept.length > 0) return `${contender.code} can't be combined with ${kept[0].code}`;
  if (kept.length >= maxCodesPerOrder) {
    return `${contender.code} wasn't applied: only ${maxCodesPerOrder} discount code${maxCodesPerOrder === 1 ? "" : "s"} can be used on one order`;
  }
  return null;
}

/** Which entered codes stay and which are turned away, with the shopper's reason. */
export function resolveStacking(
  entered: GuardInput["e"],
  catalogue: CompiledCatalogue,
  facts: CheckFacts,
  uses: Record<string, unknown> = {},
): StackingDecision {
  const decision: StackingDecision = { accepted: [], rejected: [] };
  const contenders: Contender[] = [];
  entered.forEach((raw, position) => {
    const { code, rejectable } = checkedCode(raw);
    const found = findSpec(catalogue, code);
    if (found === null) {
      if (catalogue.u === 1 && rejectable) decision.rejected.push({ code, message: `${code} can't be used on this order` });
      else decision.accepted.push(code);
      return;
    }
    const { spec, pattern } = found;
    const used = uses[pattern];
    const unmet = rejectable ? unmetRule(spec, { ...facts, uses: typeof used === "number" ? used : 0 }, code) : null;
    if (unmet !== null) decision.rejected.push({ code, message: unmet });
    else contenders.push({ code, spec, locked: !rejectable, value: estimatedValue(spec, facts), position });
  });
  contenders.sort((a, b) => rank(a, b, catalogue.s));
  const kept: Contender[] = [];
  for (const contender of contenders) {
    const conflict = contender.locked ? null : conflictWith(contender, kept, catalogue.n);
    if (conflict === null) {
      kept.push(contender);
      decision.accepted.push(contender.code);
    } else decision.rejected.push({ code: contender.code, message: conflict });
  }
  return decision;
}

/** One operation per distinct message, so each shopper-facing reason is shown once. */
export function rejectOperations(rejected: RejectedCode[]): RejectCodesOperation[] {
  const byMessage = new Map<string, { code: string }[]>();
  for (const { code, message } of rejected) {
    const codes = byMessage.get(message);
    if (codes) codes.push({ code });
    else byMessage.set(message, [{ code }]);
  }
  return [...byMessage].map(([message, codes]) => ({ enteredDiscountCodesReject: { codes, message } }));
}

export function runGuard(input: GuardInput): CartLinesDiscountsGenerateRunResult {
  if (input.e.length === 0) return { operations: [] };
  const catalogue = readCatalogue(input);
  if (catalogue === null) return { operations: [] };
  return { operations: rejectOperations(resolveStacking(input.e, catalogue, guardFacts(input), usesOf(input)).rejected) };
}
