// The cart simulator as the app runs it: the app's Admin API client (routed to the emulator),
// throttle-aware, and the app's own function bundles.
import prisma from "~/db.server";
import { simulateCart } from "~/domain/simulator/simulate-cart.server";
import type { CartSimulation, SimulatedCode } from "~/domain/simulator/simulation";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { setMetafields } from "~/shopify/discounts.server";
import { systemClock } from "~/lib/clock";
import { unauthenticated } from "~/shopify.server";
import type { CheckoutResult } from "../../dev/emulator/checkout";

export async function simulate(shop: string, input: unknown, now = new Date()) {
  const { admin } = await unauthenticated.admin(shop);
  return simulateCart({ db: prisma, call: throttledAdmin(admin, { clock: systemClock }).call, shopDomain: shop, now }, input);
}

/** The simulation, failing the test with the field errors when there is none. */
export async function simulation(shop: string, input: unknown, now = new Date()): Promise<CartSimulation> {
  const outcome = await simulate(shop, input, now);
  if (!outcome.ok) throw new Error(`The simulator refused the cart: ${JSON.stringify(outcome.errors)}`);
  return outcome.simulation;
}

/** Every entered code the simulation reports, wherever it sits, by code. */
export function codesOf(simulation: CartSimulation): Record<string, SimulatedCode> {
  const codes = [...simulation.discounts.flatMap((discount) => discount.codes), ...simulation.otherCodes];
  return Object.fromEntries(codes.map((code) => [code.code, code]));
}

/** Per line, what each discount takes off it; each code's verdict (APPLIED or the shopper's message); the totals: as checkout gave them. */
export function fromCheckout(result: CheckoutResult) {
  return {
    lines: Object.fromEntries(
      result.lines.map((line) => [line.id, Object.fromEntries(line.allocations.map((allocation) => [allocation.discountId, allocation.amount]))]),
    ),
    codes: Object.fromEntries(result.codes.map((code) => [code.code, code.status === "REJECTED" ? code.message : code.status])),
    totals: result.totals,
  };
}

/** The same figures, as the cart simulator gave them. */
export function fromSimulator(simulated: CartSimulation) {
  const lines: Record<string, Record<string, string>> = Object.fromEntries(simulated.lines.map((line) => [line.lineId, {}]));
  for (const discount of simulated.discounts) {
    for (const line of discount.lines) if (Number(line.amount) > 0) lines[line.lineId][discount.discountId!] = line.amount;
  }
  return {
    lines,
    codes: Object.fromEntries(Object.values(codesOf(simulated)).map((code) => [code.code, code.verdict === "applied" ? "APPLIED" : code.shopperMessage])),
    totals: simulated.totals,
  };
}

/** PromoGuard's stock figure on a variant, as the app's inventory sync writes it. */
export async function setStock(shop: string, variantId: string, units: number) {
  const { admin } = await unauthenticated.admin(shop);
  const errors = await setMetafields(admin, [{ ownerId: variantId, namespace: "$app:promoguard", key: "stock", type: "number_integer", value: String(units) }]);
  if (errors.length > 0) throw new Error(`Setting stock failed: ${JSON.stringify(errors)}`);
}
