// The emulator's state, one shop at a time: plain JSON-serialisable records, so a snapshot is
// just these objects written to a file. Ids are Shopify GIDs ("gid://shopify/Product/1000001").
// Money is kept in integer minor units (cents) of its currency, never as floats.

/** An amount in the shop's currency and the buyer's (presentment) currency, like Shopify's MoneyBag. */
export interface MoneyPair {
  shop: number;
  presentment: number;
}

export interface ShopRecord {
  id: string;
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  planDisplayName: string;
  shopifyPlus: boolean;
  partnerDevelopment: boolean;
  enabledPresentmentCurrencies: string[];
  createdAt: string;
}

/** The app whose token is calling: owner of "$app" metafields, app discounts and metaobjects. */
export interface AppRecord {
  id: string;
  installationId: string;
  title: string;
  handle: string;
  apiKey: string;
  /** Granted access scopes; without read_all_orders only the last 60 days of orders are visible. */
  accessScopes: string[];
}

/** A Shopify Function the app has released; app discounts must name one of the discount API. */
export interface FunctionRecord {
  id: string;
  handle: string;
  title: string;
  /** "discount" for the Discount Function API; other APIs cannot back a discount. */
  apiType: string;
  /** Classes of discount the function can produce (its targets). */
  discountClasses: DiscountClassName[];
}

/**
 * A staff account of the shop: who an online access token (token exchange) is issued to. Ids are
 * Shopify's numeric user ids, the session token's `sub`.
 */
export interface StaffUserRecord {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  emailVerified: boolean;
  /** The store's owner (exactly one per real shop). */
  accountOwner: boolean;
  locale: string;
  /** A collaborator account (an agency or developer working on the store). */
  collaborator: boolean;
}

/** The access tokens token exchange has handed out for the shop, so the Admin API accepts them. */
export interface IssuedTokensRecord {
  /** The app installation's offline token: the same one every time it is asked for. */
  offline: string | null;
  online: { token: string; userId: number; expiresAt: string }[];
}

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  descriptionHtml: string;
  createdAt: string;
  updatedAt: string;
  variantIds: string[];
}

export interface VariantRecord {
  id: string;
  productId: string;
  inventoryItemId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  /** Minor units of the shop currency. */
  price: number;
  compareAtPrice: number | null;
  /** What the merchant pays for one unit (InventoryItem.unitCost); unknown unless set. */
  unitCost: number | null;
  inventoryQuantity: number;
  position: number;
  taxable: boolean;
  requiresShipping: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CollectionRecord {
  id: string;
  title: string;
  handle: string;
  productIds: string[];
  updatedAt: string;
}

export interface AddressRecord {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
}

export interface CustomerRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  note: string | null;
  locale: string;
  verifiedEmail: boolean;
  acceptsMarketing: boolean;
  defaultAddress: AddressRecord | null;
  createdAt: string;
  updatedAt: string;
}

export type DiscountValue = { percentage: number } | { amount: number };

export interface OrderDiscountApplicationRecord {
  index: number;
  kind: "DISCOUNT_CODE" | "AUTOMATIC" | "MANUAL" | "SCRIPT";
  /** The code entered (DISCOUNT_CODE) or the title shown (the other kinds). */
  code: string | null;
  title: string | null;
  description: string | null;
  /** Percentage (0–100) or a fixed amount in shop minor units. */
  value: DiscountValue;
  allocationMethod: "ACROSS" | "EACH" | "ONE";
  targetSelection: "ALL" | "ENTITLED" | "EXPLICIT";
  targetType: "LINE_ITEM" | "SHIPPING_LINE";
}

export interface DiscountAllocationRecord {
  applicationIndex: number;
  amount: MoneyPair;
}

export interface LineItemRecord {
  id: string;
  variantId: string | null;
  productId: string | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  unitPrice: MoneyPair;
  requiresShipping: boolean;
  taxable: boolean;
  isGiftCard: boolean;
  discountAllocations: DiscountAllocationRecord[];
}

export interface ShippingLineRecord {
  id: string;
  title: string;
  code: string | null;
  price: MoneyPair;
  discountAllocations: DiscountAllocationRecord[];
}

export interface ClientDetailsRecord {
  browserIp: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
}

export interface OrderRecord {
  id: string;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  discountApplications: OrderDiscountApplicationRecord[];
  totalTax: MoneyPair;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  sourceName: string;
  landingSite: string | null;
  referringSite: string | null;
  clientDetails: ClientDetailsRecord;
  tags: string[];
  note: string | null;
  test: boolean;
  financialStatus: "PAID" | "PENDING" | "REFUNDED" | "PARTIALLY_REFUNDED" | "AUTHORIZED" | "VOIDED";
  token: string;
}

export type DiscountClassName = "ORDER" | "PRODUCT" | "SHIPPING";

/** Which GraphQL type a discount is: method × kind (DiscountCodeApp, DiscountAutomaticBasic, …). */
export type DiscountMethod = "CODE" | "AUTOMATIC";
export type DiscountKind = "APP" | "BASIC" | "BXGY" | "FREE_SHIPPING";

export interface DiscountRecord {
  /** gid://shopify/DiscountCodeNode/… or gid://shopify/DiscountAutomaticNode/… */
  id: string;
  method: DiscountMethod;
  kind: DiscountKind;
  title: string;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  discountClasses: DiscountClassName[];
  /** Customers it is limited to; null means everyone (DiscountBuyerSelectionAll). */
  customerIds: string[] | null;
  tags: string[];
  asyncUsageCount: number;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  appliesOnOneTimePurchase: boolean;
  appliesOnSubscription: boolean;
  recurringCycleLimit: number | null;
  /** App discounts: the Function that computes them. */
  functionId: string | null;
  /** Native discounts seeded for "import existing discounts": Shopify's own wording of them. */
  summary: string | null;
}

export interface RedeemCodeRecord {
  id: string;
  discountId: string;
  code: string;
  asyncUsageCount: number;
  createdAt: string;
}

export interface UserErrorRecord {
  field: string[] | null;
  message: string;
  code: string | null;
}

export interface BulkCreationCodeRecord {
  code: string;
  errors: UserErrorRecord[];
  redeemCodeId: string | null;
}

export interface BulkCreationRecord {
  id: string;
  discountId: string;
  createdAt: string;
  codes: BulkCreationCodeRecord[];
  done: boolean;
  /** Status reads still answered with done: false before the job completes. */
  pendingPolls: number;
  /** Epoch ms after which the job completes whether or not anyone polled; null: polls only. */
  completesAt: number | null;
}

export interface JobRecord {
  id: string;
  done: boolean;
}

export interface MetafieldRecord {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface MetafieldDefinitionRecord {
  id: string;
  ownerType: string;
  namespace: string;
  key: string;
  name: string;
  description: string | null;
  type: string;
  pinnedPosition: number | null;
}

export interface MetaobjectFieldDefinitionRecord {
  key: string;
  name: string;
  type: string;
  required: boolean;
  description: string | null;
}

export interface MetaobjectDefinitionRecord {
  id: string;
  type: string;
  name: string;
  description: string | null;
  displayNameKey: string | null;
  fieldDefinitions: MetaobjectFieldDefinitionRecord[];
  /** Access levels the app set (admin, storefront, customerAccount); unset ones are unknown to the emulator. */
  access: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface MetaobjectRecord {
  id: string;
  definitionId: string;
  type: string;
  handle: string;
  fields: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** A field of a Flow trigger or action, as its extension's toml declares it. */
export interface FlowFieldRecord {
  /** customer_reference, order_reference, single_line_text_field, number_decimal, url, … */
  type: string;
  /** The payload key: the field's key, or `<object>_id` for a commerce reference. */
  key: string;
  required: boolean;
}

/** A Flow trigger or action the app has deployed (`shopify app deploy` of its flow_* extension). */
export interface FlowExtensionRecord {
  kind: "trigger" | "action";
  handle: string;
  title: string;
  fields: FlowFieldRecord[];
  /** Actions: where Flow POSTs each run (the toml's runtime_url). */
  runtimeUrl: string | null;
}

/** A flowTriggerReceive Flow accepted: what a workflow starting with that trigger receives. */
export interface FlowTriggerRunRecord {
  id: string;
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}
