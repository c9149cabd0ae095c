// Entered discount codes: which active code discount each belongs to (codes match case-
// insensitively and are reported in the discount's own spelling), which functions rejected, and
// the verdict checkout shows the buyer for every code.
import type { DiscountRuns } from "./run-functions";
import type { ActiveDiscount, CodeRejectionReason, CodeStatus } from "./types";

export type CodeOwner = Pick<ActiveDiscount, "id" | "method" | "codes">;

export interface EnteredCodes<D extends CodeOwner = CodeOwner> {
  /** Distinct entered codes in entry order: the discount's spelling when known, else as typed. */
  codes: string[];
  ownerOf: Map<string, D>;
  /** Each code discount's triggering code: the first of its codes the buyer entered. */
  triggerOf: Map<D, string>;
}

export const codeKey = (code: string) => code.trim().toUpperCase();

export function matchEnteredCodes<D extends CodeOwner>(entered: string[], discounts: D[]): EnteredCodes<D> {
  const byKey = new Map<string, { discount: D; code: string }>();
  for (const discount of discounts) {
    if (discount.method === "CODE" && discount.codes.length === 0) throw new Error(`Code discount ${discount.id} has no codes`);
    if (discount.method === "AUTOMATIC" && discount.codes.length > 0) throw new Error(`Automatic discount ${discount.id} must not have codes`);
    for (const code of discount.codes) {
      const existing = byKey.get(codeKey(code));
      if (existing) throw new Error(`Code ${code} belongs to both ${existing.discount.id} and ${discount.id}; Shopify codes are unique per shop`);
      byKey.set(codeKey(code), { discount, code });
    }
  }
  const result: EnteredCodes<D> = { codes: [], ownerOf: new Map(), triggerOf: new Map() };
  const seen = new Set<string>();
  for (const typed of entered) {
    if (seen.has(codeKey(typed))) continue;
    seen.add(codeKey(typed));
    const match = byKey.get(codeKey(typed));
    const code = match?.code ?? typed;
    result.codes.push(code);
    if (!match) continue;
    result.ownerOf.set(code, match.discount);
    if (!result.triggerOf.has(match.discount)) result.triggerOf.set(match.discount, code);
  }
  return result;
}

export interface Rejection {
  message: string;
  rejectedBy: string;
}

/** Applies every run's enteredDiscountCodesReject; the first rejection of a code gives its message. */
export function collectRejections(allRuns: DiscountRuns[], entered: EnteredCodes): Map<string, Rejection> {
  const rejected = new Map<string, Rejection>();
  for (const { discount, runs } of allRuns) {
    for (const { effects } of runs) {
      for (const { codes, message } of effects.rejections) {
        for (const code of codes) {
          const enteredCode = entered.codes.find((candidate) => codeKey(candidate) === codeKey(code));
          if (!enteredCode) {
            effects.warnings.push(`enteredDiscountCodesReject named ${code}, which the buyer did not enter`);
          } else if (!rejected.has(enteredCode)) {
            rejected.set(enteredCode, { message, rejectedBy: discount.id });
          }
        }
      }
    }
  }
  return rejected;
}

/** Checkout's wording for these two cases; the NOT_APPLICABLE text is the emulator's own. */
const MESSAGES: Record<Exclude<CodeRejectionReason, "REJECTED_BY_FUNCTION">, (code: string) => string> = {
  NOT_FOUND: () => "Enter a valid discount code",
  NOT_COMBINABLE: () => "Discount couldn't be used with your existing discounts.",
  NOT_APPLICABLE: (code) => `Discount code ${code} doesn't apply to the items in this cart`,
};

export interface CodeOutcome {
  /** Discount id the code applied under, if it did. */
  appliedTo: string | null;
  /** Whether the code's discount would have saved something on its own. */
  worksAlone: boolean;
  /** Whether the code's discount is one no function here prices. */
  external: boolean;
}

export function codeStatus(code: string, entered: EnteredCodes, rejected: Map<string, Rejection>, outcome: CodeOutcome): CodeStatus {
  const rejection = rejected.get(code);
  if (rejection) return { code, status: "REJECTED", reason: "REJECTED_BY_FUNCTION", message: rejection.message, rejectedBy: rejection.rejectedBy };
  if (outcome.appliedTo) return { code, status: "APPLIED", discountId: outcome.appliedTo };
  const owner = entered.ownerOf.get(code);
  if (owner && outcome.external) return { code, status: "EXTERNAL", discountId: owner.id };
  const reason: CodeRejectionReason = !owner ? "NOT_FOUND" : entered.triggerOf.get(owner) !== code || outcome.worksAlone ? "NOT_COMBINABLE" : "NOT_APPLICABLE";
  return { code, status: "REJECTED", reason, message: MESSAGES[reason](code) };
}
