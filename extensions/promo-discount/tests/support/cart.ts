// Factories for function inputs in unit tests: the smallest valid input, with overrides for
// what a test is about. The JSON fixtures are the hand-checked end-to-end cases; these keep
// unit tests short.
import type { CartFacts } from "../../src/config/facts";
import type { CampaignConfig, ConditionArgs, DeliveryMethod, DiscountClassName } from "../../src/config/types";
import { buildCartFacts, compileLineScope } from "../../src/engine/cart-facts";
import type { CartLineInput, DeliveryGroupInput, EnteredDiscountCode, ProductVariantMerchandise, RunInput } from "../../src/input";

type ProductFlags = Partial<Omit<ProductVariantMerchandise["product"], "id">>;

export interface LineOptions extends ProductFlags {
  price?: string;
  quantity?: number;
  product?: number;
  variant?: number;
  sku?: string | null;
  customProduct?: boolean;
}

/** A cart line; `n` numbers the line, and its product and variant unless given. */
export function cartLine(n: number, options: LineOptions = {}): CartLineInput {
  const { price = "10.00", quantity = 1, product = n, variant = n * 10, sku = null, customProduct = false, ...flags } = options;
  const digits = price.includes(".") ? price.split(".")[1].length : 0;
  const cost = {
    amountPerQuantity: { amount: price },
    subtotalAmount: { amount: (Number(price) * quantity).toFixed(digits) },
  };
  if (customProduct) return { id: `gid://shopify/CartLine/${n}`, quantity, cost, merchandise: { __typename: "CustomProduct" } };
  return {
    id: `gid://shopify/CartLine/${n}`,
    quantity,
    cost,
    merchandise: {
      __typename: "ProductVariant",
      id: `gid://shopify/ProductVariant/${variant}`,
      sku,
      product: {
        id: `gid://shopify/Product/${product}`,
        vendor: "Northwind",
        isGiftCard: false,
        inIncludedCollection: false,
        inExcludedCollection: false,
        inBuyCollection: false,
        hasIncludedTag: false,
        hasExcludedTag: false,
        ...flags,
      },
    },
  };
}

export interface InputOptions {
  lines?: CartLineInput[];
  config?: unknown;
  classes?: DiscountClassName[];
  currency?: string;
  rate?: string;
  customer?: { numberOfOrders: number; hasAnyTag?: boolean; hasTags?: boolean[]; blocked?: boolean } | null;
  companyId?: string | null;
  deliveryGroups?: DeliveryGroupInput[];
  localizationCountry?: string;
  triggeringDiscountCode?: string | null;
  enteredDiscountCodes?: EnteredDiscountCode[];
  catalogue?: unknown;
  localTime?: Partial<RunInput["shop"]["localTime"]>;
}

export function runInput(options: InputOptions = {}): RunInput {
  const { customer = null, companyId = null } = options;
  return {
    triggeringDiscountCode: options.triggeringDiscountCode ?? null,
    enteredDiscountCodes: options.enteredDiscountCodes ?? [],
    presentmentCurrencyRate: options.rate ?? "1.0",
    localization: { country: { isoCode: options.localizationCountry ?? "US" } },
    discount: {
      discountClasses: options.classes ?? ["PRODUCT", "ORDER", "SHIPPING"],
      config: options.config === undefined ? null : { jsonValue: options.config },
    },
    shop: {
      localTime: { date: "2026-11-27", afterStart: true, beforeEnd: true, withinHours: true, ...options.localTime },
      stackingCatalogue: options.catalogue === undefined ? null : { jsonValue: options.catalogue },
    },
    cart: {
      cost: { subtotalAmount: { currencyCode: options.currency ?? "USD" } },
      buyerIdentity: customer === null && companyId === null ? null : {
        customer: customer === null ? null : {
          numberOfOrders: customer.numberOfOrders,
          hasAnyTag: customer.hasAnyTag ?? false,
          hasTags: (customer.hasTags ?? []).map((hasTag) => ({ hasTag })),
          promoguardBlocked: customer.blocked ?? false,
        },
        purchasingCompany: companyId === null ? null : { company: { id: companyId } },
      },
      deliveryGroups: options.deliveryGroups ?? [{ deliveryAddress: { countryCode: "US" } }],
      lines: options.lines ?? [cartLine(1)],
    },
  };
}

export function deliveryGroup(options: { id?: number; country?: string | null; options: [handle: string, cost: string, method: DeliveryMethod][] }): DeliveryGroupInput {
  return {
    id: `gid://shopify/CartDeliveryGroup/${options.id ?? 1}`,
    deliveryAddress: options.country === null ? null : { countryCode: options.country ?? "US" },
    deliveryOptions: options.options.map(([handle, amount, deliveryMethodType]) => ({ handle, deliveryMethodType, cost: { amount } })),
  };
}

/** Cart facts for a campaign scope, the way the function computes them. */
export function factsFor(scope: ConditionArgs, options: InputOptions = {}): CartFacts {
  return buildCartFacts(runInput(options), compileLineScope(scope));
}

export function campaign(overrides: Partial<CampaignConfig> = {}): CampaignConfig {
  return { version: 1, effects: [{ type: "percentage", percentage: 10 }], ...overrides };
}
