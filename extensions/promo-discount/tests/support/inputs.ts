// Function inputs for unit tests, built the way Shopify builds them: the campaign is compiled as
// publishing compiles it, and the emulator executes the backing extension's real input query
// with the compiled variables on a small cart described here. Tests say only what they are about.
import { join } from "node:path";
import { functionInput, type Cart, type CartLine, type DeliveryMethodType, type InputDiscount } from "shopify-checkout";
import { readShopifyFunction } from "shopify-checkout/source";
import { compileCampaign, compileCatalogue } from "../../src/config";
import type { CampaignConfig, CompiledCampaign, StackingCatalogue } from "../../src/config";
import type { CampaignInput, GuardInput } from "../../src/checkout/input";
import { CUSTOMER_USES_KEY, METAFIELD_NAMESPACE, RULES_KEY, STACKING_CATALOGUE_KEY, STOCK_KEY, VARIABLES_KEY } from "../../src/checkout/rules";
import { DELIVERY_TARGET, GUARD_HANDLE, LINES_TARGET } from "../../src/config/profiles";
import type { FunctionTarget } from "../../src/config/profiles";

export const EXTENSIONS = join(import.meta.dirname, "..", "..", "..");

export interface LineOptions {
  price?: string;
  quantity?: number;
  product?: number;
  variant?: number;
  sku?: string | null;
  vendor?: string | null;
  giftCard?: boolean;
  tags?: string[];
  collections?: number[];
  /** Units in stock, as PromoGuard's stock metafield on the variant says; left out, it has none. */
  stock?: number;
}

export const collectionId = (n: number) => `gid://shopify/Collection/${n}`;

/** A cart line; `n` numbers the line, and its product and variant unless given. */
export function cartLine(n: number, options: LineOptions = {}): CartLine {
  const product = options.product ?? n;
  return {
    id: `gid://shopify/CartLine/${n}`,
    quantity: options.quantity ?? 1,
    unitPrice: options.price ?? "10.00",
    variant: {
      id: `gid://shopify/ProductVariant/${options.variant ?? n * 10}`,
      sku: options.sku === undefined ? null : options.sku,
      metafields: options.stock === undefined ? [] : [{ namespace: METAFIELD_NAMESPACE, key: STOCK_KEY, type: "number_integer", value: String(options.stock) }],
      product: {
        id: `gid://shopify/Product/${product}`,
        title: `Product ${product}`,
        handle: `product-${product}`,
        vendor: options.vendor === undefined ? "Northwind" : options.vendor,
        isGiftCard: options.giftCard ?? false,
        tags: options.tags ?? [],
        collectionIds: (options.collections ?? []).map(collectionId),
      },
    },
  };
}

export interface CartOptions {
  lines?: CartLine[];
  currency?: string;
  rate?: string;
  /** A signed-in customer; null or left out: a guest. `uses`: how often they used each limited campaign (its catalogue pattern). */
  customer?: { numberOfOrders: number; tags?: string[]; uses?: Record<string, number> } | null;
  companyId?: string | null;
  /** Delivery address countries, one group each; null: a group without an address; left out: one US group. */
  deliveryCountries?: (string | null)[];
  deliveryOptions?: [handle: string, cost: string, method: DeliveryMethodType][];
  localizationCountry?: string;
  /** The shop's wall clock, "2026-11-27T12:00:00" (a Friday) unless given. */
  localTime?: string;
  codes?: string[];
}

const SHOP_ZONE = "UTC";

export function cart(options: CartOptions = {}): Cart {
  const lines = options.lines ?? [cartLine(1)];
  const customer = options.customer ?? null;
  const groups = options.deliveryCountries ?? ["US"];
  return {
    currencyCode: options.currency ?? "USD",
    presentmentCurrencyRate: options.rate,
    lines,
    enteredDiscountCodes: options.codes ?? [],
    localization: { countryCode: options.localizationCountry ?? "US", languageCode: "EN" },
    buyerIdentity:
      customer === null && !options.companyId
        ? null
        : {
            isAuthenticated: customer !== null,
            customer:
              customer === null
                ? null
                : {
                    id: "gid://shopify/Customer/1",
                    tags: customer.tags ?? [],
                    numberOfOrders: customer.numberOfOrders,
                    amountSpentInShopCurrency: "0.00",
                    metafields:
                      customer.uses === undefined
                        ? []
                        : [{ namespace: METAFIELD_NAMESPACE, key: CUSTOMER_USES_KEY, type: "json", value: JSON.stringify(customer.uses) }],
                  },
            purchasingCompany: options.companyId
              ? { company: { id: options.companyId, name: "Acme Corp" }, location: { id: "gid://shopify/CompanyLocation/1", name: "HQ" } }
              : null,
          },
    deliveryGroups: groups.map((country, index) => ({
      id: `gid://shopify/CartDeliveryGroup/${index + 1}`,
      lineIds: index === 0 ? lines.map((line) => line.id) : [],
      address: country === null ? null : { countryCode: country },
      options: (options.deliveryOptions ?? []).map(([handle, cost, methodType]) => ({ handle, cost, methodType })),
      selectedHandle: null,
    })),
  };
}

function now(options: CartOptions): Date {
  return new Date(`${options.localTime ?? "2026-11-27T12:00:00"}Z`);
}

export function compiled(config: CampaignConfig): CompiledCampaign {
  const result = compileCampaign(config);
  if (!result.ok) throw new Error(`the test campaign does not compile: ${result.issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`);
  return result.value;
}

/** The discount as Shopify holds it after publishing: its extension, rules and input variables. */
export function campaignDiscount(config: CampaignConfig, code = "TESTCODE"): InputDiscount {
  const { functionHandle, rules, variables, discountClasses } = compiled(config);
  return {
    id: "gid://shopify/DiscountCodeNode/1",
    title: "Test campaign",
    method: "CODE",
    codes: [code],
    discountClasses,
    combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
    function: readShopifyFunction(join(EXTENSIONS, functionHandle)),
    metafields: [
      { namespace: METAFIELD_NAMESPACE, key: RULES_KEY, type: "json", value: JSON.stringify(rules) },
      { namespace: METAFIELD_NAMESPACE, key: VARIABLES_KEY, type: "json", value: JSON.stringify(variables) },
    ],
  };
}

/** The input of a published campaign's run on a cart. */
export function campaignInput(config: CampaignConfig, options: CartOptions = {}, target: FunctionTarget = LINES_TARGET): CampaignInput {
  const discount = campaignDiscount(config);
  return functionInput(cart({ codes: ["TESTCODE"], ...options }), discount, target, {
    shop: { currencyCode: "USD", ianaTimezone: SHOP_ZONE },
    now: now(options),
  }) as unknown as CampaignInput;
}

export function deliveryInput(config: CampaignConfig, options: CartOptions = {}): CampaignInput {
  return campaignInput(config, options, DELIVERY_TARGET);
}

/** The guard's input with `codes` entered (each a code discount of its own) and the catalogue in the shop metafield. */
export function guardInput(catalogue: StackingCatalogue | null, codes: string[], options: CartOptions = {}): GuardInput {
  const guard: InputDiscount = {
    id: "gid://shopify/DiscountAutomaticNode/1",
    title: "PromoGuard stacking guard",
    method: "AUTOMATIC",
    codes: [],
    discountClasses: ["ORDER"],
    combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
    function: readShopifyFunction(join(EXTENSIONS, GUARD_HANDLE)),
    metafields: [],
  };
  const owners = codes.map((code, index): InputDiscount => ({ ...guard, id: `gid://shopify/DiscountCodeNode/${index + 2}`, method: "CODE", codes: [code] }));
  const metafields =
    catalogue === null
      ? []
      : [{ namespace: METAFIELD_NAMESPACE, key: STACKING_CATALOGUE_KEY, type: "json", value: JSON.stringify(compileCatalogue(catalogue)) }];
  return functionInput(
    cart({ ...options, codes }),
    guard,
    LINES_TARGET,
    { shop: { currencyCode: "USD", ianaTimezone: SHOP_ZONE, metafields }, now: now(options) },
    [guard, ...owners],
  ) as unknown as GuardInput;
}

export function campaign(overrides: Partial<CampaignConfig> = {}): CampaignConfig {
  return { version: 1, effects: [{ type: "percentage", percentage: 10 }], ...overrides };
}
