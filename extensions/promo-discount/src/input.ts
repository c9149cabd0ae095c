// The function input as the two input queries (src/*.graphql) shape it. The delivery-options
// query adds the delivery group ids and options; everything else is shared. Fixtures are
// checked against the queries and the schema, so this file and the queries cannot drift apart
// unnoticed.
import type { DeliveryMethod, DiscountClassName } from "./config/types";

export interface EnteredDiscountCode {
  code: string;
  rejectable: boolean;
}

export interface ProductVariantMerchandise {
  __typename: "ProductVariant";
  id: string;
  sku: string | null;
  product: {
    id: string;
    vendor: string | null;
    isGiftCard: boolean;
    inIncludedCollection: boolean;
    inExcludedCollection: boolean;
    inBuyCollection: boolean;
    hasIncludedTag: boolean;
    hasExcludedTag: boolean;
  };
}

export interface CustomProductMerchandise {
  __typename: "CustomProduct";
}

export interface CartLineInput {
  id: string;
  quantity: number;
  cost: {
    amountPerQuantity: { amount: string };
    subtotalAmount: { amount: string };
  };
  merchandise: ProductVariantMerchandise | CustomProductMerchandise;
}

export interface DeliveryOptionInput {
  handle: string;
  deliveryMethodType: DeliveryMethod;
  cost: { amount: string };
}

export interface DeliveryGroupInput {
  /** Delivery-options target only. */
  id?: string;
  deliveryAddress: { countryCode: string | null } | null;
  /** Delivery-options target only. */
  deliveryOptions?: DeliveryOptionInput[];
}

export interface RunInput {
  triggeringDiscountCode: string | null;
  enteredDiscountCodes: EnteredDiscountCode[];
  presentmentCurrencyRate: string;
  localization: { country: { isoCode: string } };
  discount: {
    discountClasses: DiscountClassName[];
    config: { jsonValue: unknown } | null;
  };
  shop: {
    localTime: {
      date: string;
      afterStart: boolean;
      beforeEnd: boolean;
      withinHours: boolean;
    };
    stackingCatalogue: { jsonValue: unknown } | null;
  };
  cart: {
    cost: { subtotalAmount: { currencyCode: string } };
    buyerIdentity: {
      customer: {
        numberOfOrders: number;
        hasAnyTag: boolean;
        hasTags: { hasTag: boolean }[];
        /** Tagged promoguard-blocked by the admin's Fraud review: no campaign discount applies. */
        promoguardBlocked: boolean;
      } | null;
      purchasingCompany: { company: { id: string } } | null;
    } | null;
    deliveryGroups: DeliveryGroupInput[];
    lines: CartLineInput[];
  };
}
