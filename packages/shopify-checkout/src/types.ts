// The checkout emulator's vocabulary: the cart a buyer brings to checkout, the discounts active in
// the shop, and what checkout makes of them. Plain data, so the Admin emulator (or a test) can
// build these objects from its own records without this module knowing how it stores them.
//
// Money given here is a decimal string in major units ("19.99"). Cart amounts are in the cart's
// (presentment) currency, exactly what a Function sees; shop-level amounts say so in their names.
import type { ShopifyFunction } from "./function-extension";

export type DiscountClass = "PRODUCT" | "ORDER" | "SHIPPING";
export type DeliveryMethodType = "SHIPPING" | "PICK_UP" | "RETAIL" | "LOCAL" | "PICKUP_POINT" | "NONE";

export interface Metafield {
  namespace: string;
  key: string;
  /** Shopify metafield type: "json", "boolean", "single_line_text_field", "list.…", … */
  type: string;
  value: string;
}

export interface Attribute {
  key: string;
  value: string | null;
}

export interface CartProduct {
  id: string;
  title: string;
  handle: string;
  vendor: string | null;
  productType?: string | null;
  isGiftCard: boolean;
  tags: string[];
  collectionIds: string[];
}

export interface CartVariant {
  id: string;
  title?: string | null;
  sku: string | null;
  requiresShipping?: boolean;
  product: CartProduct;
  /** The variant's metafields functions can read (app-owned ones under "$app:…"). */
  metafields?: Metafield[];
}

export interface CartLine {
  /** "gid://shopify/CartLine/1" */
  id: string;
  quantity: number;
  /** Price of one unit in the cart currency. */
  unitPrice: string;
  compareAtUnitPrice?: string | null;
  attributes?: Attribute[];
  variant: CartVariant;
}

export interface Customer {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  tags: string[];
  numberOfOrders: number;
  /** In the SHOP currency, as Shopify stores it; functions see it converted to the cart currency. */
  amountSpentInShopCurrency: string;
  /** The customer's metafields functions can read (app-owned ones under "$app:…"). */
  metafields?: Metafield[];
}

export interface PurchasingCompany {
  company: { id: string; name: string; externalId?: string | null };
  location: { id: string; name: string; externalId?: string | null };
}

export interface BuyerIdentity {
  email?: string | null;
  phone?: string | null;
  isAuthenticated: boolean;
  customer?: Customer | null;
  /** Set for B2B buyers. */
  purchasingCompany?: PurchasingCompany | null;
}

export interface MailingAddress {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  provinceCode?: string | null;
  countryCode?: string | null;
  zip?: string | null;
  phone?: string | null;
}

export interface DeliveryOption {
  handle: string;
  title?: string | null;
  code?: string | null;
  description?: string | null;
  /** In the cart currency. */
  cost: string;
  methodType: DeliveryMethodType;
}

export interface DeliveryGroup {
  id: string;
  /** Cart lines shipped by this group. */
  lineIds: string[];
  address?: MailingAddress | null;
  options: DeliveryOption[];
  /** Handle of the option the buyer picked; null before they pick one. */
  selectedHandle: string | null;
}

export interface Cart {
  /** Presentment currency: what the buyer pays in and every cart amount is expressed in. */
  currencyCode: string;
  /** Shop currency → cart currency ("0.92" turns 10.00 USD into 9.20 EUR). Defaults to "1.0" when the currencies match. */
  presentmentCurrencyRate?: string;
  lines: CartLine[];
  buyerIdentity?: BuyerIdentity | null;
  deliveryGroups: DeliveryGroup[];
  /** Codes as the buyer typed them, in the order entered. */
  enteredDiscountCodes: string[];
  attributes?: Attribute[];
  /** The buyer's storefront country and language (Input.localization), e.g. { countryCode: "CA", languageCode: "EN" }. */
  localization: { countryCode: string; languageCode: string };
}

export interface CombinesWith {
  productDiscounts: boolean;
  orderDiscounts: boolean;
  shippingDiscounts: boolean;
}

/** An active app discount whose Function checkout runs. */
export interface ActiveDiscount {
  /** gid://shopify/DiscountAutomaticNode/… or gid://shopify/DiscountCodeNode/… */
  id: string;
  title: string;
  method: "AUTOMATIC" | "CODE";
  /** The redeem codes of a CODE discount (matched case-insensitively); empty for AUTOMATIC. */
  codes: string[];
  discountClasses: DiscountClass[];
  combinesWith: CombinesWith;
  function: ShopifyFunction;
  /** The discount's metafields; the one the function names in [extensions.input.variables] feeds its input query. */
  metafields: Metafield[];
}

/**
 * A code discount that is active in the shop but that no function here prices: Shopify's own
 * discounts and other apps'. Its codes are entered codes like any other (functions see them and
 * may reject them); what it would give is Shopify's business, so its code's verdict says so.
 */
export interface ExternalCodeDiscount {
  id: string;
  title: string;
  codes: string[];
}

export interface ShopContext {
  currencyCode: string;
  /** IANA zone the shop's local time (Shop.localTime) is read in, e.g. "America/Toronto". */
  ianaTimezone: string;
  metafields?: Metafield[];
}

export interface SimulateCheckoutOptions {
  shop: ShopContext;
  /** The instant checkout happens; defaults to now. */
  now?: Date;
  /** Active code discounts no function here prices (see ExternalCodeDiscount). */
  external?: ExternalCodeDiscount[];
}

// ---- Results. Amounts are decimal strings with all the currency's digits ("9.00"). ----

export type FunctionTarget = "cart.lines.discounts.generate.run" | "cart.delivery-options.discounts.generate.run";

export interface DiscountAllocation {
  discountId: string;
  discountClass: DiscountClass;
  /** The code the allocation is reported under, null for a purely automatic discount. */
  code: string | null;
  amount: string;
}

export interface LineResult {
  id: string;
  quantity: number;
  unitPrice: string;
  subtotal: string;
  allocations: DiscountAllocation[];
  total: string;
}

export interface DeliveryOptionResult {
  handle: string;
  cost: string;
  discount: string;
  discountedCost: string;
}

export interface DeliveryGroupResult {
  id: string;
  selectedHandle: string | null;
  /** Every option priced as checkout shows it, the unselected ones included. */
  options: DeliveryOptionResult[];
  /** Allocations on the selected option only: those are what the buyer pays. */
  allocations: DiscountAllocation[];
}

export interface AppliedDiscount {
  discountId: string;
  title: string;
  method: "AUTOMATIC" | "CODE";
  /** The code it applies under: the entered code for CODE discounts, an associated code for AUTOMATIC ones, or null. */
  code: string | null;
  amounts: Partial<Record<DiscountClass, string>>;
  total: string;
  /** How each class's reduction was expressed: a single percentage, or a fixed amount. */
  values: Partial<Record<DiscountClass, AppliedValue>>;
  /** Candidate messages of the applied candidates (what the cart page shows for automatic discounts). */
  messages: string[];
}

export type AppliedValue =
  { type: "percentage"; percentage: string; allocationMethod: "ACROSS" } | { type: "fixed_amount"; amount: string; allocationMethod: "ACROSS" | "EACH" };

export type CodeRejectionReason =
  /** No active code discount has this code, and no function accepted it. */
  | "NOT_FOUND"
  /** A function's enteredDiscountCodesReject operation rejected it. */
  | "REJECTED_BY_FUNCTION"
  /** Its discount could apply on its own but not together with the best combination. */
  | "NOT_COMBINABLE"
  /** Its discount ran and offered nothing for this cart. */
  | "NOT_APPLICABLE";

export type CodeStatus =
  | { code: string; status: "APPLIED"; discountId: string }
  /** A code of an external discount that no function rejected: Shopify decides what it gives. */
  | { code: string; status: "EXTERNAL"; discountId: string }
  | { code: string; status: "REJECTED"; reason: CodeRejectionReason; message: string; rejectedBy?: string };

export interface FunctionRunRecord {
  discountId: string;
  target: FunctionTarget;
  exportName: string;
  input: unknown;
  output: unknown;
  logs: string[];
  memoryUsedBytes: number;
  durationMs: number;
  /** Operations checkout ignored, and why (Shopify drops them the same way). */
  warnings: string[];
}

export interface CheckoutTotals {
  subtotal: string;
  lineDiscounts: string;
  orderDiscounts: string;
  shipping: string;
  shippingDiscounts: string;
  total: string;
}

export interface CheckoutResult {
  currencyCode: string;
  shopCurrencyCode: string;
  presentmentCurrencyRate: string;
  checkedOutAt: string;
  cart: Cart;
  totals: CheckoutTotals;
  lines: LineResult[];
  deliveryGroups: DeliveryGroupResult[];
  appliedDiscounts: AppliedDiscount[];
  codes: CodeStatus[];
  runs: FunctionRunRecord[];
}
