// Resolvers that answer a function's input query from the cart, field by field. Only fields
// listed here exist: anything else a query asks for fails with an error naming Type.field, so a
// function can never be tested against data the emulator made up.
import type { GraphQLFieldResolver, GraphQLTypeResolver } from "graphql";
import { localClock, localDate, normalizeDateTime, normalizeTime, type ShopLocalTime } from "./local-time";
import { formatDecimal, parseMoney, shopToPresentment } from "./money";
import type { PreparedCart, PreparedDeliveryGroup, PreparedDeliveryOption, PreparedLine } from "./prepared-cart";
import type { ActiveDiscount, Attribute, BuyerIdentity, CartProduct, CartVariant, Customer, Metafield, ShopContext } from "./types";

export interface InputContext {
  prepared: PreparedCart;
  discount: Pick<ActiveDiscount, "id" | "discountClasses" | "metafields">;
  localTime: ShopLocalTime;
  triggeringDiscountCode: string | null;
  enteredDiscountCodes: { code: string; rejectable: boolean }[];
}

type Args = Record<string, unknown>;
type FieldResolver<Source> = (source: Source, args: Args, context: InputContext) => unknown;
type FieldResolvers<Source> = Record<string, FieldResolver<Source>>;

interface Money {
  amount: string;
  currencyCode: string;
}

/** Resolvers for fields that are plain properties of the source (absent optional data reads as null). */
function properties<Source extends object>(...names: (keyof Source & string)[]): FieldResolvers<unknown> {
  return Object.fromEntries(names.map((name) => [name, (source: unknown) => (source as Source)[name] ?? null]));
}

function typeResolvers<Source>(fields: FieldResolvers<Source>): FieldResolvers<unknown> {
  return fields as FieldResolvers<unknown>;
}

const cartMoney = (minor: number, context: InputContext): Money => ({
  amount: formatDecimal(minor, context.prepared.currency),
  currencyCode: context.prepared.currency,
});

const stringList = (args: Args, name: string): string[] => args[name] as string[];

function tagResponses(tags: string[], asked: string[]) {
  return asked.map((tag) => ({ tag, hasTag: tags.includes(tag) }));
}

function collectionMemberships(collectionIds: string[], asked: string[]) {
  return asked.map((collectionId) => ({ collectionId, isMember: collectionIds.includes(collectionId) }));
}

function findAttribute(attributes: Attribute[] | undefined, key: unknown): Attribute | null {
  return attributes?.find((attribute) => attribute.key === key) ?? null;
}

/** A metafield by namespace and key; an omitted namespace means the app-reserved one ("$app"). */
function findMetafield(metafields: Metafield[] | undefined, args: Args): Metafield | null {
  const namespace = (args.namespace as string | null | undefined) ?? "$app";
  return metafields?.find((metafield) => metafield.namespace === namespace && metafield.key === args.key) ?? null;
}

const TEXT_METAFIELD_TYPES = new Set(["single_line_text_field", "multi_line_text_field"]);

function metafieldJsonValue(metafield: Metafield): unknown {
  if (metafield.type === "json" || metafield.type.startsWith("list.")) return JSON.parse(metafield.value);
  if (metafield.type === "boolean") return metafield.value === "true";
  if (metafield.type === "number_integer") return Number.parseInt(metafield.value, 10);
  if (TEXT_METAFIELD_TYPES.has(metafield.type)) return metafield.value;
  throw new Error(`Metafield.jsonValue for metafield type "${metafield.type}" is not implemented by the checkout emulator`);
}

const RESOLVERS: Record<string, FieldResolvers<unknown>> = {
  Input: typeResolvers<undefined>({
    cart: (_, __, context) => context.prepared,
    discount: (_, __, context) => context.discount,
    enteredDiscountCodes: (_, __, context) => context.enteredDiscountCodes,
    triggeringDiscountCode: (_, __, context) => context.triggeringDiscountCode,
    presentmentCurrencyRate: (_, __, context) => context.prepared.rateText,
    localization: (_, __, context) => context.prepared.cart.localization,
    shop: (_, __, context) => context.prepared.shop,
  }),
  Cart: typeResolvers<PreparedCart>({
    lines: (cart) => cart.lines,
    buyerIdentity: (cart) => cart.cart.buyerIdentity ?? null,
    deliveryGroups: (cart) => cart.deliveryGroups,
    cost: (cart) => cart,
    attribute: (cart, args) => findAttribute(cart.cart.attributes, args.key),
  }),
  CartCost: typeResolvers<PreparedCart>({
    subtotalAmount: (cart, _, context) => cartMoney(cart.subtotal, context),
    // Before discounts and without taxes (the emulator does not compute tax): lines plus the chosen delivery.
    totalAmount: (cart, _, context) => cartMoney(cart.subtotal + cart.deliveryGroups.reduce((sum, group) => sum + (group.selected?.cost ?? 0), 0), context),
  }),
  CartLine: typeResolvers<PreparedLine>({
    id: (line) => line.line.id,
    quantity: (line) => line.line.quantity,
    cost: (line) => line,
    merchandise: (line) => line.line.variant,
    attribute: (line, args) => findAttribute(line.line.attributes, args.key),
  }),
  CartLineCost: typeResolvers<PreparedLine>({
    amountPerQuantity: (line, _, context) => cartMoney(line.unitPrice, context),
    compareAtAmountPerQuantity: (line, _, context) => (line.compareAtUnitPrice === null ? null : cartMoney(line.compareAtUnitPrice, context)),
    subtotalAmount: (line, _, context) => cartMoney(line.subtotal, context),
    // Functions run before any discount is applied, so a line's total is its subtotal.
    totalAmount: (line, _, context) => cartMoney(line.subtotal, context),
  }),
  ProductVariant: typeResolvers<CartVariant>({
    ...properties<CartVariant>("id", "sku", "title"),
    product: (variant) => variant.product,
    requiresShipping: (variant) => variant.requiresShipping ?? null,
    // The cart model records collection membership per product, which is what a variant inherits.
    inAnyCollection: (variant, args) => stringList(args, "ids").some((id) => variant.product.collectionIds.includes(id)),
    inCollections: (variant, args) => collectionMemberships(variant.product.collectionIds, stringList(args, "ids")),
    metafield: (variant, args) => findMetafield(variant.metafields, args),
  }),
  Product: typeResolvers<CartProduct>({
    ...properties<CartProduct>("id", "title", "handle", "vendor", "productType", "isGiftCard"),
    hasAnyTag: (product, args) => stringList(args, "tags").some((tag) => product.tags.includes(tag)),
    hasTags: (product, args) => tagResponses(product.tags, stringList(args, "tags")),
    inAnyCollection: (product, args) => stringList(args, "ids").some((id) => product.collectionIds.includes(id)),
    inCollections: (product, args) => collectionMemberships(product.collectionIds, stringList(args, "ids")),
  }),
  HasTagResponse: properties<{ tag: string; hasTag: boolean }>("tag", "hasTag"),
  CollectionMembership: properties<{ collectionId: string; isMember: boolean }>("collectionId", "isMember"),
  BuyerIdentity: typeResolvers<BuyerIdentity>({
    ...properties<BuyerIdentity>("email", "phone", "isAuthenticated", "customer", "purchasingCompany"),
  }),
  Customer: typeResolvers<Customer>({
    ...properties<Customer>("id", "email", "firstName", "lastName", "numberOfOrders"),
    // Shopify converts the shop-currency figure into the cart currency at the presentment rate.
    amountSpent: (customer, _, context) => {
      const { prepared } = context;
      const shopMinor = parseMoney(customer.amountSpentInShopCurrency, prepared.shop.currencyCode, `customer ${customer.id} amountSpentInShopCurrency`);
      return cartMoney(shopToPresentment(shopMinor, prepared.rate, prepared.shop.currencyCode, prepared.currency), context);
    },
    hasAnyTag: (customer, args) => stringList(args, "tags").some((tag) => customer.tags.includes(tag)),
    hasTags: (customer, args) => tagResponses(customer.tags, stringList(args, "tags")),
    metafield: (customer, args) => findMetafield(customer.metafields, args),
  }),
  PurchasingCompany: properties<{ company: unknown; location: unknown }>("company", "location"),
  Company: properties<{ id: string; name: string; externalId?: string | null }>("id", "name", "externalId"),
  CompanyLocation: properties<{ id: string; name: string; externalId?: string | null }>("id", "name", "externalId"),
  CartDeliveryGroup: typeResolvers<PreparedDeliveryGroup>({
    id: (group) => group.group.id,
    deliveryAddress: (group) => group.group.address ?? null,
    deliveryOptions: (group) => group.options,
    selectedDeliveryOption: (group) => group.selected,
    cartLines: (group, _, context) => group.group.lineIds.map((id) => context.prepared.lineById.get(id)),
  }),
  MailingAddress: properties<Record<string, string | null | undefined>>(
    "firstName",
    "lastName",
    "company",
    "address1",
    "address2",
    "city",
    "provinceCode",
    "countryCode",
    "zip",
    "phone",
  ),
  CartDeliveryOption: typeResolvers<PreparedDeliveryOption>({
    handle: (option) => option.option.handle,
    title: (option) => option.option.title ?? null,
    code: (option) => option.option.code ?? null,
    description: (option) => option.option.description ?? null,
    deliveryMethodType: (option) => option.option.methodType,
    cost: (option, _, context) => cartMoney(option.cost, context),
  }),
  MoneyV2: properties<Money>("amount", "currencyCode"),
  Discount: typeResolvers<ActiveDiscount>({
    discountClasses: (discount) => discount.discountClasses,
    metafield: (discount, args) => findMetafield(discount.metafields, args),
  }),
  Metafield: typeResolvers<Metafield>({
    ...properties<Metafield>("type", "value"),
    jsonValue: (metafield) => metafieldJsonValue(metafield),
  }),
  EnteredDiscountCode: properties<{ code: string; rejectable: boolean }>("code", "rejectable"),
  Shop: typeResolvers<ShopContext>({
    localTime: (_, __, context) => context.localTime,
    metafield: (shop, args) => findMetafield(shop.metafields, args),
  }),
  LocalTime: typeResolvers<ShopLocalTime>({
    date: (local) => localDate(local),
    dateTimeAfter: (local, args) => local.dateTime >= normalizeDateTime(args.dateTime, "dateTimeAfter(dateTime)"),
    dateTimeBefore: (local, args) => local.dateTime < normalizeDateTime(args.dateTime, "dateTimeBefore(dateTime)"),
    dateTimeBetween: (local, args) =>
      normalizeDateTime(args.startDateTime, "dateTimeBetween(startDateTime)") <= local.dateTime &&
      local.dateTime < normalizeDateTime(args.endDateTime, "dateTimeBetween(endDateTime)"),
    timeAfter: (local, args) => localClock(local) >= normalizeTime(args.time, "timeAfter(time)"),
    timeBefore: (local, args) => localClock(local) < normalizeTime(args.time, "timeBefore(time)"),
    timeBetween: (local, args) =>
      normalizeTime(args.startTime, "timeBetween(startTime)") <= localClock(local) && localClock(local) < normalizeTime(args.endTime, "timeBetween(endTime)"),
  }),
  Localization: typeResolvers<{ countryCode: string; languageCode: string }>({
    country: (localization) => ({ isoCode: localization.countryCode }),
    language: (localization) => ({ isoCode: localization.languageCode }),
  }),
  Country: properties<{ isoCode: string }>("isoCode"),
  Language: properties<{ isoCode: string }>("isoCode"),
  Attribute: properties<Attribute>("key", "value"),
};

/** Raised for a field the emulator has no resolver for: the query, not the emulator, decides what data exists. */
export class UnimplementedFieldError extends Error {
  constructor(readonly coordinate: string) {
    super(`${coordinate} is not implemented by the checkout emulator (packages/shopify-checkout/src/input-resolvers.ts); it refuses to invent its value`);
  }
}

export const inputFieldResolver: GraphQLFieldResolver<unknown, InputContext> = (source, args, context, info) => {
  const typeFields = Object.hasOwn(RESOLVERS, info.parentType.name) ? RESOLVERS[info.parentType.name] : undefined;
  const resolver = typeFields && Object.hasOwn(typeFields, info.fieldName) ? typeFields[info.fieldName] : undefined;
  if (!resolver) throw new UnimplementedFieldError(`${info.parentType.name}.${info.fieldName}`);
  return resolver(source, args, context);
};

/** Cart lines in the model are always product variants (no CustomProduct lines). */
export const inputTypeResolver: GraphQLTypeResolver<unknown, InputContext> = (_value, _context, _info, abstractType) => {
  if (abstractType.name === "Merchandise") return "ProductVariant";
  throw new UnimplementedFieldError(`${abstractType.name} (abstract type)`);
};
