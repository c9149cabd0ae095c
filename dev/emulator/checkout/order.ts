// The bridge from checkout to the Admin emulator: a completed checkout becomes an order in the
// emulator's shop with exactly the figures checkout computed (line and shipping allocations,
// discount applications, presentment currency and rate). The order is then what the Admin API
// lists and what `orderWebhookPayload` turns into an orders/create body, so the emulator has one
// order model and one REST builder. Taxes are not simulated, so orders carry no tax.
import { formatMoney as formatShopMoney } from "../admin/money";
import type { OrderRecord } from "../admin/records";
import type { OrderDiscountSeed, OrderLineSeed, OrderSeed } from "../admin/seed-orders";
import type { ShopStore } from "../admin/store";
import type { ShopifyEmulator } from "../emulator";
import { formatMoney, parseDecimal, parseMoney, presentmentToShop, shopToPresentment } from "shopify-checkout/money";
import { asFunctionsSeeThem } from "./store-discounts";
import type { AppliedDiscount, CartLine, CheckoutResult, DiscountAllocation, DiscountClass, MailingAddress } from "shopify-checkout";

export interface PlaceOrderOptions extends Pick<OrderSeed, "test" | "sourceName" | "landingSite" | "referringSite" | "clientDetails"> {
  /** The emulator shop the checkout happened in; the emulator's default shop when omitted. */
  shop?: string;
  /** The emulator customer who placed the order: by default the cart buyer's customer (the shop must have it); null for a guest order. */
  customerId?: string | null;
  /** The order's contact email: by default the buyer's, else their customer's. */
  email?: string | null;
}

/**
 * Creates the order `result` checked out, in the emulator's shop, and returns its record. Nothing
 * is stored when the checkout does not fit the shop (other currency, unknown variant or customer).
 */
export function placeOrder(emulator: ShopifyEmulator, result: CheckoutResult, options: PlaceOrderOptions = {}): OrderRecord {
  const shop = options.shop ?? emulator.defaultShop;
  const store = emulator.store(shop);
  checkCurrencies(result, store);
  const toShop = shopAmountConverter(result);

  // One discount application per applied discount and class; allocations point at them by index.
  const applications = result.appliedDiscounts.flatMap((discount) =>
    (Object.keys(discount.amounts) as DiscountClass[]).map((discountClass) => ({ discount, discountClass })),
  );
  const allocations = (list: DiscountAllocation[], where: string) =>
    list.map((allocation) => {
      const applicationIndex = applications.findIndex(
        ({ discount, discountClass }) => discount.discountId === allocation.discountId && discountClass === allocation.discountClass,
      );
      if (applicationIndex < 0)
        throw new Error(`placeOrder: ${where} has an allocation of ${allocation.discountId} (${allocation.discountClass}), which is not an applied discount`);
      return { applicationIndex, amount: toShop.exact(allocation.amount, `${where}'s allocation`) };
    });

  const cartLines = new Map(result.cart.lines.map((line) => [line.id, line]));
  const lines = result.lines.map((line): OrderLineSeed => {
    const { variant } = cartLines.get(line.id)!;
    if (!store.variants.has(variant.id)) {
      throw new Error(`placeOrder: cart line ${line.id} buys ${variant.id}, which ${shop} does not have; seed the product and build the line with cartLineFor`);
    }
    // Title, SKU, vendor and shipping needs come from the shop's catalogue, as on a Shopify order.
    return {
      variantId: variant.id,
      quantity: line.quantity,
      price: toShop.exact(line.unitPrice, `cart line ${line.id}'s unit price`),
      discountAllocations: allocations(line.allocations, `cart line ${line.id}`),
    };
  });

  const shippingLines = result.deliveryGroups.flatMap((group) => {
    if (group.selectedHandle === null) return [];
    const selected = group.options.find((option) => option.handle === group.selectedHandle)!;
    const option = result.cart.deliveryGroups
      .find((candidate) => candidate.id === group.id)!
      .options.find((candidate) => candidate.handle === selected.handle)!;
    return [
      {
        title: option.title ?? option.handle,
        code: option.code ?? null,
        price: toShop.exact(selected.cost, `delivery option ${option.handle}'s cost`),
        discountAllocations: allocations(group.allocations, `delivery group ${group.id}`),
      },
    ];
  });

  const buyer = result.cart.buyerIdentity ?? null;
  const customerId = options.customerId !== undefined ? options.customerId : (buyer?.customer?.id ?? null);
  if (customerId !== null && !store.customers.has(customerId)) {
    const whose = options.customerId !== undefined ? "options.customerId" : "the cart's buyer";
    throw new Error(`placeOrder: ${whose} ${customerId} is not a customer of ${shop}; seed the customer or pass customerId`);
  }
  const address = result.cart.deliveryGroups.find((group) => group.address)?.address ?? null;

  return emulator.seedFor(shop).order({
    lines,
    shippingLines,
    discounts: applications.map(({ discount, discountClass }) => discountSeed(discount, discountClass, toShop.converted)),
    customerId,
    email: options.email !== undefined ? options.email : (buyer?.email ?? buyer?.customer?.email ?? undefined),
    phone: buyer?.phone ?? null,
    presentmentCurrencyCode: result.currencyCode,
    presentmentRate: Number(result.presentmentCurrencyRate),
    createdAt: result.checkedOutAt,
    shippingAddress: address && addressSeed(address),
    test: options.test,
    sourceName: options.sourceName,
    landingSite: options.landingSite,
    referringSite: options.referringSite,
    clientDetails: options.clientDetails,
  });
}

function checkCurrencies(result: CheckoutResult, store: ShopStore) {
  const { shop } = store;
  if (shop.currencyCode !== result.shopCurrencyCode) {
    throw new Error(`placeOrder: the checkout was priced for a shop in ${result.shopCurrencyCode}, but ${shop.domain} is in ${shop.currencyCode}`);
  }
  if (!shop.enabledPresentmentCurrencies.includes(result.currencyCode)) {
    throw new Error(
      `placeOrder: the cart is in ${result.currencyCode}, which ${shop.domain} does not sell in (it sells in ${shop.enabledPresentmentCurrencies.join(", ")})`,
    );
  }
}

/**
 * Cart (presentment) amounts in the shop currency. The Admin emulator stores shop amounts and
 * derives presentment ones at the rate, so an amount the order reports in both currencies must
 * convert back to exactly what checkout charged (`exact`); a discount's value is stored in the
 * shop currency only (`converted`).
 */
function shopAmountConverter(result: CheckoutResult) {
  const { currencyCode: cartCurrency, shopCurrencyCode: shopCurrency, presentmentCurrencyRate: rateText } = result;
  const rate = parseDecimal(rateText, "presentmentCurrencyRate");
  const toShopMinor = (presentmentMinor: number) => presentmentToShop(presentmentMinor, rate, shopCurrency, cartCurrency);
  return {
    converted: (amount: string, what: string) => formatMoney(toShopMinor(parseMoney(amount, cartCurrency, what)), shopCurrency),
    exact(amount: string, what: string) {
      const presentmentMinor = parseMoney(amount, cartCurrency, what);
      const shopMinor = toShopMinor(presentmentMinor);
      if (shopToPresentment(shopMinor, rate, shopCurrency, cartCurrency) !== presentmentMinor) {
        throw new Error(
          `placeOrder: ${what} of ${amount} ${cartCurrency} has no ${shopCurrency} amount that converts back to it at ${rateText}; ` +
            "the Admin emulator derives presentment amounts from shop amounts, so this checkout cannot be placed exactly",
        );
      }
      return formatMoney(shopMinor, shopCurrency);
    },
  };
}

function discountSeed(discount: AppliedDiscount, discountClass: DiscountClass, toShop: (amount: string, what: string) => string): OrderDiscountSeed {
  const value = discount.values[discountClass]!;
  return {
    ...(discount.code !== null ? { code: discount.code } : { title: discount.title }),
    ...(value.type === "percentage" ? { percentage: Number(value.percentage) } : { amount: toShop(value.amount, `${discount.title}'s value`) }),
    target: discountClass === "SHIPPING" ? "SHIPPING" : "LINE_ITEMS",
    allocationMethod: value.allocationMethod,
    // Order discounts apply to the whole cart; product and shipping ones to the lines/options their function named.
    targetSelection: discountClass === "ORDER" ? "ALL" : "EXPLICIT",
  };
}

function addressSeed(address: MailingAddress) {
  return {
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    company: address.company ?? null,
    address1: address.address1 ?? null,
    address2: address.address2 ?? null,
    city: address.city ?? null,
    provinceCode: address.provinceCode ?? null,
    countryCode: address.countryCode ?? null,
    zip: address.zip ?? null,
    phone: address.phone ?? null,
  };
}

/**
 * A cart line buying one of the emulator shop's variants, with the product facts functions see
 * (title, vendor, type, tags, collections) and the variant's metafields (PromoGuard's stock). Prices are in the cart currency; without `unitPrice`
 * they are the variant's price and compare-at price, right for a cart in the shop's currency.
 */
export function cartLineFor(
  emulator: ShopifyEmulator,
  variantId: string,
  options: { shop?: string; quantity?: number; unitPrice?: string; compareAtUnitPrice?: string | null; id?: string } = {},
): CartLine {
  const store = emulator.store(options.shop);
  const variant = store.variants.get(variantId);
  if (!variant) throw new Error(`cartLineFor: ${store.shop.domain} has no variant ${variantId}`);
  const product = store.products.get(variant.productId)!;
  const shopPrice = (minor: number | null) => (minor === null ? null : formatShopMoney(minor, store.shop.currencyCode));
  return {
    id: options.id ?? `gid://shopify/CartLine/${variantId.split("/").pop()}`,
    quantity: options.quantity ?? 1,
    unitPrice: options.unitPrice ?? shopPrice(variant.price)!,
    compareAtUnitPrice: options.unitPrice === undefined ? shopPrice(variant.compareAtPrice) : (options.compareAtUnitPrice ?? null),
    variant: {
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      requiresShipping: variant.requiresShipping,
      metafields: asFunctionsSeeThem(store, store.metafieldsOf(variant.id)),
      product: {
        id: product.id,
        title: product.title,
        handle: product.handle,
        vendor: product.vendor,
        productType: product.productType,
        // The Admin emulator does not model gift cards.
        isGiftCard: false,
        tags: product.tags,
        collectionIds: [...store.collections.values()].filter((collection) => collection.productIds.includes(product.id)).map((collection) => collection.id),
      },
    },
  };
}
