// From a discount's runs to what it proposes to checkout: candidates tied to a rejected code
// dropped, associated codes checked, and the product and delivery reductions priced.
import type { DeliveryCandidate, OrderCandidate, ProductCandidate, RunEffects } from "./candidates";
import type { DiscountProposal } from "./combinations";
import { codeKey, type EnteredCodes, type Rejection } from "./entered-codes";
import type { PreparedCart } from "./prepared-cart";
import type { DiscountRuns } from "./run-functions";
import { evaluateDeliveryOperations, evaluateProductOperations } from "./selection";

type AnyCandidate = ProductCandidate | OrderCandidate | DeliveryCandidate;

/** Returns null when the discount cannot apply at all (its triggering code was rejected). */
export function proposalOf(
  discountRuns: DiscountRuns,
  entered: EnteredCodes,
  rejected: Map<string, Rejection>,
  prepared: PreparedCart,
): DiscountProposal | null {
  const { discount, triggeringCode, runs } = discountRuns;
  if (triggeringCode !== null && rejected.has(triggeringCode)) return null;
  const effects = runs.map((run) => run.effects);
  const isRejected = (code: string) => [...rejected.keys()].some((rejectedCode) => codeKey(rejectedCode) === codeKey(code));

  // A code discount's candidates always apply under the triggering code (Shopify overwrites any
  // associatedDiscountCode); an automatic discount may tie candidates to codes its runs accepted.
  let associated: string | null = null;
  if (discount.method === "AUTOMATIC") {
    const accepted = acceptedCodes(effects, entered);
    for (const candidate of allCandidates(effects)) {
      const code = candidate.associatedCode;
      if (code === null) continue;
      if (!accepted.has(codeKey(code))) {
        throw new Error(
          `Discount ${discount.id}: a candidate names associatedDiscountCode ${code}, but no run of its function accepted that entered code (enteredDiscountCodesAccept)`,
        );
      }
      if (associated !== null && codeKey(associated) !== codeKey(code)) {
        throw new Error(`Discount ${discount.id} ties candidates to two codes (${associated}, ${code}); the emulator reports one code per discount`);
      }
      associated = accepted.get(codeKey(code))!;
    }
  }
  const keep = <Candidate extends AnyCandidate>(candidates: Candidate[]) =>
    discount.method === "AUTOMATIC" ? candidates.filter((candidate) => candidate.associatedCode === null || !isRejected(candidate.associatedCode)) : candidates;

  return {
    discount,
    code: triggeringCode ?? (associated !== null && !isRejected(associated) ? associated : null),
    product: evaluateProductOperations(
      effects.flatMap((effect) => effect.productOperations.map((operation) => ({ ...operation, candidates: keep(operation.candidates) }))),
      prepared,
    ),
    orderOperations: effects
      .flatMap((effect) => effect.orderOperations.map((operation) => ({ ...operation, candidates: keep(operation.candidates) })))
      .filter((operation) => operation.candidates.length > 0),
    shipping: evaluateDeliveryOperations(
      effects.flatMap((effect) => effect.deliveryOperations.map((operation) => ({ candidates: keep(operation.candidates) }))),
      prepared,
    ),
  };
}

/** Accepted codes must be among the entered codes functions were shown; others are ignored with a warning. */
function acceptedCodes(effects: RunEffects[], entered: EnteredCodes): Map<string, string> {
  const accepted = new Map<string, string>();
  for (const effect of effects) {
    for (const code of effect.acceptedCodes) {
      const known = [...entered.ownerOf.keys()].find((candidate) => codeKey(candidate) === codeKey(code));
      if (known) accepted.set(codeKey(code), known);
      else effect.warnings.push(`enteredDiscountCodesAccept named ${code}, which is not among the entered discount codes`);
    }
  }
  return accepted;
}

function allCandidates(effects: RunEffects[]): AnyCandidate[] {
  return effects.flatMap((effect) => [
    ...effect.productOperations.flatMap((operation) => operation.candidates),
    ...effect.orderOperations.flatMap((operation) => operation.candidates),
    ...effect.deliveryOperations.flatMap((operation) => operation.candidates),
  ]);
}
