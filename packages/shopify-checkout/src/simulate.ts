import { applicationsOf, appliedProposals, bestCombination, evaluateCombination } from "./combinations";
import { codeStatus, collectRejections } from "./entered-codes";
import { proposalOf } from "./proposals";
import { breakdown } from "./result";
import { checkoutContext, runDiscountFunctions, type DiscountRuns } from "./run-functions";
import type { ActiveDiscount, Cart, CheckoutResult, SimulateCheckoutOptions } from "./types";

/**
 * Checks out `cart` with `discounts` active: runs each discount's function in QuickJS on input
 * built by its own input query, applies the operations (selection strategies, accepted and
 * rejected codes, combinesWith between classes) and returns totals, allocations and code verdicts.
 */
export async function simulateCheckout(cart: Cart, discounts: ActiveDiscount[], options: SimulateCheckoutOptions): Promise<CheckoutResult> {
  const now = options.now ?? new Date();
  const { context, entered } = checkoutContext(cart, discounts, { ...options, now });
  const prepared = context.prepared;

  // Shopify runs discount functions concurrently; in sequence here, which is indistinguishable since they never see each other.
  const allRuns: DiscountRuns[] = [];
  for (const discount of discounts) {
    const triggeringCode = entered.triggerOf.get(discount) ?? null;
    if (discount.method === "CODE" && triggeringCode === null) continue;
    allRuns.push(await runDiscountFunctions(discount, triggeringCode, context));
  }

  const rejected = collectRejections(allRuns, entered);
  const proposals = allRuns.map((runs) => proposalOf(runs, entered, rejected, prepared)).filter((proposal) => proposal !== null);
  const combination = bestCombination(proposals, prepared);
  const applied = [...appliedProposals(combination)];

  const external = new Set((options.external ?? []).map((discount) => discount.id));
  const codes = entered.codes.map((code) => {
    const appliedUnder = applied.find((proposal) => proposal.code === code);
    const owner = entered.ownerOf.get(code);
    const ownProposal = proposals.find((proposal) => proposal.discount === owner && proposal.code === code);
    return codeStatus(code, entered, rejected, {
      appliedTo: appliedUnder?.discount.id ?? null,
      worksAlone: ownProposal !== undefined && evaluateCombination(applicationsOf(ownProposal), prepared).savings > 0,
      external: owner !== undefined && external.has(owner.id),
    });
  });

  return {
    currencyCode: prepared.currency,
    shopCurrencyCode: options.shop.currencyCode,
    presentmentCurrencyRate: prepared.rateText,
    checkedOutAt: now.toISOString(),
    cart,
    ...breakdown(combination, proposals, prepared),
    codes,
    runs: allRuns.flatMap(({ runs }) => runs.map(({ record }) => record)),
  };
}
