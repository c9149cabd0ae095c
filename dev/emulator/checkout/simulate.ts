import { applicationsOf, appliedProposals, bestCombination, evaluateCombination } from "./combinations";
import { codeStatus, collectRejections, matchEnteredCodes } from "./entered-codes";
import { shopLocalTime } from "./local-time";
import { prepareCart } from "./prepared-cart";
import { proposalOf } from "./proposals";
import { breakdown } from "./result";
import { runDiscountFunctions, type DiscountRuns } from "./run-functions";
import type { ActiveDiscount, Cart, CheckoutResult, SimulateCheckoutOptions } from "./types";

/**
 * Checks out `cart` with `discounts` active: runs each discount's function in QuickJS on input
 * built by its own input query, applies the operations (selection strategies, accepted and
 * rejected codes, combinesWith between classes) and returns totals, allocations and code verdicts.
 */
export async function simulateCheckout(cart: Cart, discounts: ActiveDiscount[], options: SimulateCheckoutOptions): Promise<CheckoutResult> {
  const prepared = prepareCart(cart, options.shop);
  const now = options.now ?? new Date();
  const entered = matchEnteredCodes(cart.enteredDiscountCodes, discounts);
  const context = {
    prepared,
    localTime: shopLocalTime(now, options.shop.ianaTimezone),
    enteredDiscountCodes: [...entered.ownerOf.keys()].map((code) => ({ code, rejectable: true })),
  };

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

  const codes = entered.codes.map((code) => {
    const appliedUnder = applied.find((proposal) => proposal.code === code);
    const owner = entered.ownerOf.get(code);
    const ownProposal = proposals.find((proposal) => proposal.discount === owner && proposal.code === code);
    return codeStatus(code, entered, rejected, {
      appliedTo: appliedUnder?.discount.id ?? null,
      worksAlone: ownProposal !== undefined && evaluateCombination(applicationsOf(ownProposal), prepared).savings > 0,
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
