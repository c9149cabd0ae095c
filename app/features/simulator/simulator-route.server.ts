// The "Test a cart" page's loader data: the cart the URL describes (with its products' and
// customer's names read from the store), and — when the URL asks for a test — the simulation or
// the fields to fix. Any staff member may test a cart: it reads the store and changes nothing.
import { shopCurrency } from "~/domain/shops.server";
import prisma from "~/db.server";
import type { StaffContext } from "~/features/access.server";
import { draftErrors, draftInput, paramsDraft, type FieldErrors, type SimulatorDraft } from "~/domain/simulator/cart-input";
import { simulateCart } from "~/domain/simulator/simulate-cart.server";
import type { CartSimulation } from "~/domain/simulator/simulation";
import { systemClock } from "~/lib/clock";
import { shopifyDidNotAnswer, throttledAdmin, type AdminCall } from "~/shopify/admin-graphql.server";
import { readCustomer, readVariants, searchCustomers, type CustomerChoice } from "~/shopify/cart-data.server";

export interface SimulatorPageData {
  draft: SimulatorDraft;
  simulation: CartSimulation | null;
  errors: FieldErrors;
  /** Shopify didn't answer: nothing the merchant typed is wrong. */
  unavailable: boolean;
  /** The shop's currency, for the amounts the form shows before a test. */
  currencyCode: string;
}

const isGid = (type: string, id: string) => new RegExp(`^gid://shopify/${type}/\\d+$`).test(id);

/** Names for what the URL only holds ids of: the products' titles and the customer's name. */
async function named(call: AdminCall, draft: SimulatorDraft, simulation: CartSimulation | null): Promise<SimulatorDraft> {
  const titles = new Map<string, string>(simulation?.lines.map((line) => [line.variantId, line.title]) ?? []);
  const unknown = draft.lines.map((line) => line.variantId).filter((id) => !titles.has(id) && isGid("ProductVariant", id));
  if (unknown.length > 0) for (const variant of await readVariants(call, unknown, [])) titles.set(variant.id, variant.displayName);
  const customer = draft.buyer === "customer" && isGid("Customer", draft.customerId) ? await readCustomer(call, draft.customerId) : null;
  return {
    ...draft,
    lines: draft.lines.map((line) => ({ ...line, title: titles.get(line.variantId) ?? "A product that is no longer in the store" })),
    customerName: customer ? [customer.displayName, customer.email].filter(Boolean).join(" · ") : "",
  };
}

export async function simulatorPageData(context: StaffContext, url: URL): Promise<SimulatorPageData> {
  const shopDomain = context.session.shop;
  const call = throttledAdmin(context.admin, { clock: systemClock }).call;
  const { draft, run } = paramsDraft(url.searchParams);
  const currencyCode = await shopCurrency(prisma, shopDomain);
  try {
    let simulation: CartSimulation | null = null;
    let errors: FieldErrors = {};
    if (run) {
      const outcome = await simulateCart({ db: prisma, call, shopDomain }, draftInput(draft));
      if (outcome.ok) simulation = outcome.simulation;
      else errors = draftErrors(draft, outcome.errors);
    }
    return { draft: await named(call, draft, simulation), simulation, errors, unavailable: false, currencyCode: simulation?.currencyCode ?? currencyCode };
  } catch (error) {
    if (!shopifyDidNotAnswer(error)) throw error;
    console.error(`Test a cart: Shopify refused a read for ${shopDomain}:`, (error as Error).message);
    const general = "Shopify didn't answer PromoGuard's questions about your store just now, so the cart couldn't be tested. Try again in a moment.";
    return { draft, simulation: null, errors: { general }, unavailable: true, currencyCode };
  }
}

/** The customer picker's matches for what the merchant typed. */
export async function customerChoices(context: StaffContext, query: string): Promise<CustomerChoice[]> {
  return searchCustomers(throttledAdmin(context.admin, { clock: systemClock }).call, query.slice(0, 255));
}
