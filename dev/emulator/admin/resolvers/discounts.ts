import type { GraphQLResolveInfo } from "graphql";
import { reportSearch, type AdminContext } from "../context";
import { refuseUnhandledArguments, unsupportedInput } from "../errors";
import type { View } from "../field-resolver";
import { numericId, requireGid } from "../ids";
import { listConnection, type ListArgs } from "../listing";
import type { DiscountRecord, RedeemCodeRecord } from "../records";
import { dateField, numberField, search, textField, type FieldMatcher } from "../search";
import { countView } from "../views";
import { customerView } from "./customers";
import { metafieldOwnerFields } from "./metafields";
import { appView } from "./shop";

const TYPENAMES: Record<DiscountRecord["method"], Record<DiscountRecord["kind"], string>> = {
  CODE: { APP: "DiscountCodeApp", BASIC: "DiscountCodeBasic", BXGY: "DiscountCodeBxgy", FREE_SHIPPING: "DiscountCodeFreeShipping" },
  AUTOMATIC: { APP: "DiscountAutomaticApp", BASIC: "DiscountAutomaticBasic", BXGY: "DiscountAutomaticBxgy", FREE_SHIPPING: "DiscountAutomaticFreeShipping" },
};

/** Shopify derives status from the active period alone: deactivating a discount ends it now. */
export function discountStatus(discount: DiscountRecord, now: Date): "ACTIVE" | "EXPIRED" | "SCHEDULED" {
  if (Date.parse(discount.startsAt) > now.getTime()) return "SCHEDULED";
  if (discount.endsAt !== null && Date.parse(discount.endsAt) <= now.getTime()) return "EXPIRED";
  return "ACTIVE";
}

export function redeemCodeView(context: AdminContext, code: RedeemCodeRecord): View {
  return {
    __typename: "DiscountRedeemCode",
    id: code.id,
    code: code.code,
    asyncUsageCount: code.asyncUsageCount,
    // Redeem codes reach the shop through the app's own API calls (or its seeding).
    createdBy: () => appView(context),
  };
}

export const redeemCodeSearch = {
  fields: {
    code: textField<RedeemCodeRecord>((code) => code.code, "exact"),
    times_used: numberField<RedeemCodeRecord>((code) => code.asyncUsageCount),
    created_at: dateField<RedeemCodeRecord>((code) => code.createdAt),
  },
  freeText: (code: RedeemCodeRecord) => [code.code],
};

/** The discount itself: DiscountCodeApp, DiscountAutomaticBasic, … with the fields its kind has. */
export function discountView(context: AdminContext, discount: DiscountRecord): View {
  const { store } = context;
  const fields: View = {
    __typename: TYPENAMES[discount.method][discount.kind],
    title: discount.title,
    status: discountStatus(discount, context.now()),
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    createdAt: discount.createdAt,
    updatedAt: discount.updatedAt,
    asyncUsageCount: discount.asyncUsageCount,
    combinesWith: { ...discount.combinesWith, productDiscountsWithTagsOnSameCartLine: null },
    discountClasses: discount.discountClasses,
    discountClass: discount.discountClasses[0],
    tags: discount.tags,
    recurringCycleLimit: discount.recurringCycleLimit,
    context: () =>
      discount.customerIds === null
        ? { __typename: "DiscountBuyerSelectionAll", all: "ALL" }
        : { __typename: "DiscountCustomers", customers: discount.customerIds.map((id) => customerView(context, store.customers.get(id)!)) },
  };
  if (discount.method === "CODE") {
    Object.assign(fields, {
      usageLimit: discount.usageLimit,
      appliesOncePerCustomer: discount.appliesOncePerCustomer,
      codesCount: () => countView(store.redeemCodeCountOf(discount.id)),
      codes: (args: ListArgs, _context: AdminContext, info: GraphQLResolveInfo) =>
        listConnection(context, info, args, {
          items: store.redeemCodesOf(discount.id),
          searchSpec: redeemCodeSearch,
          sorts: { ID: (code) => numericId(code.id), CODE: (code) => code.code.toUpperCase(), CREATED_AT: (code) => code.createdAt },
          idOf: (code) => code.id,
          toNode: (code) => redeemCodeView(context, code),
          alreadyInIdOrder: true,
        }),
    });
  }
  if (discount.kind === "APP") {
    const fn = store.functions.find((candidate) => candidate.id === discount.functionId)!;
    Object.assign(fields, {
      discountId: discount.id,
      appliesOnOneTimePurchase: discount.appliesOnOneTimePurchase,
      appliesOnSubscription: discount.appliesOnSubscription,
      appDiscountType: {
        functionId: fn.id,
        title: fn.title,
        appKey: store.app.apiKey,
        discountClasses: fn.discountClasses,
        discountClass: fn.discountClasses[0],
        app: () => appView(context),
      },
    });
  } else {
    Object.assign(fields, { summary: discount.summary, shortSummary: discount.summary });
  }
  return fields;
}

const NODE_TYPENAMES = { CODE: "DiscountCodeNode", AUTOMATIC: "DiscountAutomaticNode" } as const;

/** DiscountNode, DiscountCodeNode or DiscountAutomaticNode around a discount, with its metafields. */
export function discountNodeView(context: AdminContext, discount: DiscountRecord, as: "DiscountNode" | "typed"): View {
  const base = { id: discount.id, ...metafieldOwnerFields(discount.id) };
  if (as === "DiscountNode") return { __typename: "DiscountNode", ...base, discount: () => discountView(context, discount) };
  if (discount.method === "CODE") return { __typename: NODE_TYPENAMES.CODE, ...base, codeDiscount: () => discountView(context, discount) };
  return { __typename: NODE_TYPENAMES.AUTOMATIC, ...base, automaticDiscount: () => discountView(context, discount) };
}

/** The discount a GID names; DiscountNode GIDs reach both code and automatic discounts. */
export function findDiscount(context: AdminContext, id: string, method?: DiscountRecord["method"]): DiscountRecord | undefined {
  const { type, id: number } = requireGid(id);
  const candidates =
    type === "DiscountNode"
      ? [`gid://shopify/DiscountCodeNode/${number}`, `gid://shopify/DiscountAutomaticNode/${number}`]
      : type === NODE_TYPENAMES.CODE || type === NODE_TYPENAMES.AUTOMATIC
        ? [id]
        : [];
  const discount = candidates.map((candidate) => context.store.discounts.get(candidate)).find(Boolean);
  return discount && (!method || discount.method === method) ? discount : undefined;
}

const DISCOUNT_TYPE_FILTERS: Record<string, DiscountRecord["kind"][]> = {
  all: ["BASIC", "BXGY", "FREE_SHIPPING"],
  all_with_app: ["APP", "BASIC", "BXGY", "FREE_SHIPPING"],
  app: ["APP"],
  bxgy: ["BXGY"],
  fbs: ["FREE_SHIPPING"],
};

function discountSearch(context: AdminContext) {
  const typeFilter: FieldMatcher<DiscountRecord> = (discount, { value }) => {
    const kinds = DISCOUNT_TYPE_FILTERS[value.toLowerCase()];
    if (!kinds) throw unsupportedInput(`Searching discounts by type:${value}`);
    return kinds.includes(discount.kind);
  };
  return {
    fields: {
      status: textField<DiscountRecord>((discount) => discountStatus(discount, context.now()), "exact"),
      method: textField<DiscountRecord>((discount) => discount.method, "exact"),
      title: textField<DiscountRecord>((discount) => discount.title),
      code: textField<DiscountRecord>((discount) => context.store.redeemCodesOf(discount.id).map((code) => code.code), "exact"),
      type: typeFilter,
      discount_class: textField<DiscountRecord>((discount) => discount.discountClasses, "exact"),
      combines_with: textField<DiscountRecord>(
        (discount) =>
          Object.entries({
            order_discounts: discount.combinesWith.orderDiscounts,
            product_discounts: discount.combinesWith.productDiscounts,
            shipping_discounts: discount.combinesWith.shippingDiscounts,
          })
            .filter(([, combines]) => combines)
            .map(([name]) => name),
        "exact",
      ),
      times_used: numberField<DiscountRecord>((discount) => discount.asyncUsageCount),
      starts_at: dateField<DiscountRecord>((discount) => discount.startsAt),
      ends_at: dateField<DiscountRecord>((discount) => discount.endsAt),
      created_at: dateField<DiscountRecord>((discount) => discount.createdAt),
      updated_at: dateField<DiscountRecord>((discount) => discount.updatedAt),
    },
    freeText: (discount: DiscountRecord) => [discount.title, ...context.store.redeemCodesOf(discount.id).map((code) => code.code)],
  };
}

const DISCOUNT_SORTS = {
  ID: (discount: DiscountRecord) => numericId(discount.id),
  TITLE: (discount: DiscountRecord) => discount.title.toLowerCase(),
  CREATED_AT: (discount: DiscountRecord) => discount.createdAt,
  UPDATED_AT: (discount: DiscountRecord) => discount.updatedAt,
  STARTS_AT: (discount: DiscountRecord) => discount.startsAt,
  ENDS_AT: (discount: DiscountRecord) => discount.endsAt ?? "9999",
};

function discountListing(context: AdminContext, method: DiscountRecord["method"] | null, as: "DiscountNode" | "typed") {
  return {
    items: [...context.store.discounts.values()].filter((discount) => method === null || discount.method === method),
    searchSpec: discountSearch(context),
    sorts: DISCOUNT_SORTS,
    idOf: (discount: DiscountRecord) => discount.id,
    toNode: (discount: DiscountRecord) => discountNodeView(context, discount, as),
  };
}

export const discountQueries = {
  discountNode: ({ id }: { id: string }, context: AdminContext) => {
    const discount = findDiscount(context, id);
    return discount ? discountNodeView(context, discount, "DiscountNode") : null;
  },
  discountNodes: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, discountListing(context, null, "DiscountNode")),
  discountNodesCount: (args: { query?: string | null; limit?: number | null }, context: AdminContext, info: GraphQLResolveInfo) => {
    refuseUnhandledArguments(info, args, ["query", "limit"]);
    const { items, warnings } = search(discountListing(context, null, "DiscountNode").items, args.query, discountSearch(context));
    reportSearch(context, info, args.query, warnings);
    const limit = args.limit ?? Infinity;
    return { count: Math.min(items.length, limit), precision: items.length > limit ? "AT_LEAST" : "EXACT" };
  },
  codeDiscountNode: ({ id }: { id: string }, context: AdminContext) => {
    const discount = findDiscount(context, id, "CODE");
    return discount ? discountNodeView(context, discount, "typed") : null;
  },
  automaticDiscountNode: ({ id }: { id: string }, context: AdminContext) => {
    const discount = findDiscount(context, id, "AUTOMATIC");
    return discount ? discountNodeView(context, discount, "typed") : null;
  },
  codeDiscountNodes: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, discountListing(context, "CODE", "typed")),
  automaticDiscountNodes: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, discountListing(context, "AUTOMATIC", "typed")),
  codeDiscountNodeByCode: ({ code }: { code: string }, context: AdminContext) => {
    const redeemCode = context.store.redeemCodeByCode(code);
    const discount = redeemCode && context.store.discounts.get(redeemCode.discountId);
    return discount ? discountNodeView(context, discount, "typed") : null;
  },
};

export const discountNodes = {
  DiscountNode: (context: AdminContext, id: string) => discountQueries.discountNode({ id }, context),
  DiscountCodeNode: (context: AdminContext, id: string) => discountQueries.codeDiscountNode({ id }, context),
  DiscountAutomaticNode: (context: AdminContext, id: string) => discountQueries.automaticDiscountNode({ id }, context),
  DiscountRedeemCode: (context: AdminContext, id: string) => {
    const code = context.store.redeemCodes.get(id);
    return code ? redeemCodeView(context, code) : null;
  },
};
