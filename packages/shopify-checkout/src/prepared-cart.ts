// The cart checked once and turned into minor units, so input resolvers and the discount
// arithmetic work on validated numbers and a bad cart fails before any function runs.
import { currencyDigits, parseDecimal, parseMoney, type ExactDecimal } from "./money";
import type { Cart, CartLine, DeliveryGroup, DeliveryOption, ShopContext } from "./types";

export interface PreparedLine {
  line: CartLine;
  unitPrice: number;
  compareAtUnitPrice: number | null;
  /** unitPrice × quantity */
  subtotal: number;
}

export interface PreparedDeliveryOption {
  option: DeliveryOption;
  cost: number;
}

export interface PreparedDeliveryGroup {
  group: DeliveryGroup;
  options: PreparedDeliveryOption[];
  selected: PreparedDeliveryOption | null;
}

export interface PreparedCart {
  cart: Cart;
  shop: ShopContext;
  currency: string;
  rate: ExactDecimal;
  rateText: string;
  lines: PreparedLine[];
  lineById: ReadonlyMap<string, PreparedLine>;
  deliveryGroups: PreparedDeliveryGroup[];
  deliveryGroupById: ReadonlyMap<string, PreparedDeliveryGroup>;
  subtotal: number;
}

export function prepareCart(cart: Cart, shop: ShopContext): PreparedCart {
  const currency = cart.currencyCode;
  currencyDigits(currency);
  currencyDigits(shop.currencyCode);
  const rateText = cart.presentmentCurrencyRate ?? defaultRate(cart, shop);
  const rate = parseDecimal(rateText, "cart.presentmentCurrencyRate");
  if (rate.units <= 0n) throw new Error(`cart.presentmentCurrencyRate must be positive, got ${rateText}`);

  const lines = cart.lines.map((line, index) => prepareLine(line, currency, `cart.lines[${index}]`));
  const lineById = uniqueIndex(lines, (prepared) => prepared.line.id, "cart line id");
  const deliveryGroups = cart.deliveryGroups.map((group, index) => prepareDeliveryGroup(group, lineById, currency, `cart.deliveryGroups[${index}]`));
  // Functions target delivery options by handle alone, so a handle names one option in the whole cart.
  uniqueIndex(
    deliveryGroups.flatMap((group) => group.options),
    (prepared) => prepared.option.handle,
    "delivery option handle",
  );
  return {
    cart,
    shop,
    currency,
    rate,
    rateText,
    lines,
    lineById,
    deliveryGroups,
    deliveryGroupById: uniqueIndex(deliveryGroups, (prepared) => prepared.group.id, "delivery group id"),
    subtotal: lines.reduce((sum, line) => sum + line.subtotal, 0),
  };
}

function defaultRate(cart: Cart, shop: ShopContext): string {
  if (cart.currencyCode !== shop.currencyCode) {
    throw new Error(`The cart is in ${cart.currencyCode} but the shop in ${shop.currencyCode}: give cart.presentmentCurrencyRate`);
  }
  return "1.0";
}

function prepareLine(line: CartLine, currency: string, where: string): PreparedLine {
  if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new Error(`${where}.quantity must be a positive integer, got ${line.quantity}`);
  const unitPrice = parseMoney(line.unitPrice, currency, `${where}.unitPrice`);
  if (unitPrice < 0) throw new Error(`${where}.unitPrice must not be negative`);
  const compareAt = line.compareAtUnitPrice;
  return {
    line,
    unitPrice,
    compareAtUnitPrice: compareAt === undefined || compareAt === null ? null : parseMoney(compareAt, currency, `${where}.compareAtUnitPrice`),
    subtotal: unitPrice * line.quantity,
  };
}

function prepareDeliveryGroup(group: DeliveryGroup, lineById: ReadonlyMap<string, PreparedLine>, currency: string, where: string): PreparedDeliveryGroup {
  for (const lineId of group.lineIds) {
    if (!lineById.has(lineId)) throw new Error(`${where}.lineIds names ${lineId}, which is not a cart line`);
  }
  const options = group.options.map((option, index) => ({
    option,
    cost: parseMoney(option.cost, currency, `${where}.options[${index}].cost`),
  }));
  const selected = group.selectedHandle === null ? null : options.find((prepared) => prepared.option.handle === group.selectedHandle);
  if (selected === undefined) throw new Error(`${where}.selectedHandle "${group.selectedHandle}" is not one of the group's options`);
  return { group, options, selected };
}

function uniqueIndex<T>(items: T[], keyOf: (item: T) => string, what: string): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (index.has(key)) throw new Error(`Duplicate ${what} ${key}`);
    index.set(key, item);
  }
  return index;
}
