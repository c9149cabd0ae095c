import type { GraphQLResolveInfo } from "graphql";
import { isoNow, type AdminContext } from "../context";
import { notImplemented } from "../errors";
import type { View } from "../field-resolver";
import { numericId, requireGid } from "../ids";
import { listConnection, type ListArgs } from "../listing";
import { addMoney, moneyV2View } from "../money";
import { orderTotals } from "../order-totals";
import type { AddressRecord, CustomerRecord } from "../records";
import { dateField, idField, numberField, textField } from "../search";
import { userError } from "../views";
import { metafieldOwnerFields } from "./metafields";
import { orderListing, orderView } from "./orders";

export function addressView(address: AddressRecord): View {
  const name = [address.firstName, address.lastName].filter(Boolean).join(" ");
  return {
    __typename: "MailingAddress",
    firstName: address.firstName,
    lastName: address.lastName,
    name: name || null,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    provinceCode: address.provinceCode,
    country: address.country,
    countryCodeV2: address.countryCode,
    zip: address.zip,
    phone: address.phone,
  };
}

const displayNameOf = (customer: CustomerRecord) => [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || customer.phone || "";

export function customerView(context: AdminContext, customer: CustomerRecord): View {
  const { store } = context;
  const orders = () => store.ordersOf(customer.id);
  return {
    __typename: "Customer",
    id: customer.id,
    legacyResourceId: String(numericId(customer.id)),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: displayNameOf(customer),
    email: customer.email,
    phone: customer.phone,
    defaultEmailAddress: customer.email ? { emailAddress: customer.email, marketingState: customer.acceptsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED" } : null,
    defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
    defaultAddress: customer.defaultAddress ? addressView(customer.defaultAddress) : null,
    tags: customer.tags,
    note: customer.note,
    locale: customer.locale,
    verifiedEmail: customer.verifiedEmail,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    numberOfOrders: () => String(orders().length),
    amountSpent: () => moneyV2View(addMoney(...orders().map((order) => orderTotals(order).total)).shop, store.shop.currencyCode),
    lastOrder: () => {
      const last = orders().at(-1);
      return last ? orderView(context, last) : null;
    },
    orders: (args: ListArgs, _context: AdminContext, info: GraphQLResolveInfo) => listConnection(context, info, args, orderListing(context, orders())),
    ...metafieldOwnerFields(customer.id),
  };
}

function customerSearch(context: AdminContext) {
  const orderCount = (customer: CustomerRecord) => context.store.ordersOf(customer.id).length;
  const country = (customer: CustomerRecord) => [customer.defaultAddress?.country ?? null, customer.defaultAddress?.countryCode ?? null];
  return {
    fields: {
      email: textField<CustomerRecord>((customer) => customer.email, "exact"),
      phone: textField<CustomerRecord>((customer) => customer.phone, "exact"),
      first_name: textField<CustomerRecord>((customer) => customer.firstName, "exact"),
      last_name: textField<CustomerRecord>((customer) => customer.lastName, "exact"),
      tag: textField<CustomerRecord>((customer) => customer.tags, "exact"),
      country: textField<CustomerRecord>(country, "exact"),
      orders_count: numberField<CustomerRecord>(orderCount),
      id: idField<CustomerRecord>((customer) => customer.id),
      created_at: dateField<CustomerRecord>((customer) => customer.createdAt),
      updated_at: dateField<CustomerRecord>((customer) => customer.updatedAt),
    },
    freeText: (customer: CustomerRecord) => [customer.firstName, customer.lastName, customer.email, customer.phone, ...customer.tags],
  };
}

export const customerQueries = {
  customer: ({ id }: { id: string }, context: AdminContext) => {
    const customer = context.store.customers.get(id);
    return customer ? customerView(context, customer) : null;
  },
  customers: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, {
      items: context.store.customers.values(),
      searchSpec: customerSearch(context),
      sorts: {
        ID: (customer) => numericId(customer.id),
        NAME: (customer) => displayNameOf(customer).toLowerCase(),
        CREATED_AT: (customer) => customer.createdAt,
        UPDATED_AT: (customer) => customer.updatedAt,
      },
      idOf: (customer) => customer.id,
      toNode: (customer) => customerView(context, customer),
    }),
};

export const customerNodes = {
  Customer: (context: AdminContext, id: string) => customerQueries.customer({ id }, context),
};

// tagsAdd / tagsRemove, for customers only (the one taggable resource PromoGuard changes).
// Shopify splits each entry on commas, trims it, ignores blanks and compares tags without
// regard to case; adding a tag the customer has, or removing one it lacks, changes nothing.
const tagsIn = (tags: string[]) =>
  tags
    .flatMap((entry) => entry.split(","))
    .map((tag) => tag.trim())
    .filter(Boolean);
const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function taggedCustomer(context: AdminContext, id: string, info: GraphQLResolveInfo): CustomerRecord | null {
  const { type } = requireGid(id);
  // Orders, products, draft orders and articles take tags too; the emulator models customers only.
  if (type !== "Customer") throw notImplemented(info.parentType.name, `${info.fieldName} on ${type}`);
  return context.store.customers.get(id) ?? null;
}

function changeTags(context: AdminContext, id: string, tags: string[], info: GraphQLResolveInfo, change: (current: string[], given: string[]) => string[]) {
  const customer = taggedCustomer(context, id, info);
  if (!customer) return { node: null, userErrors: [userError(["id"], "Resource not found")] };
  const next = change(customer.tags, tagsIn(tags));
  if (next.length !== customer.tags.length || next.some((tag, index) => tag !== customer.tags[index])) {
    customer.tags = next;
    customer.updatedAt = isoNow(context);
  }
  return { node: customerView(context, customer), userErrors: [] };
}

export const customerMutations = {
  tagsAdd: ({ id, tags }: { id: string; tags: string[] }, context: AdminContext, info: GraphQLResolveInfo) =>
    changeTags(context, id, tags, info, (current, given) =>
      given.reduce((result, tag) => (result.some((existing) => sameTag(existing, tag)) ? result : [...result, tag]), current),
    ),
  tagsRemove: ({ id, tags }: { id: string; tags: string[] }, context: AdminContext, info: GraphQLResolveInfo) =>
    changeTags(context, id, tags, info, (current, given) => current.filter((existing) => !given.some((tag) => sameTag(existing, tag)))),
};
