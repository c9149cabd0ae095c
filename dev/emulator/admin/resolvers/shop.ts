import type { GraphQLResolveInfo } from "graphql";
import { connection, orderBy, type PageArgs } from "../connection";
import type { AdminContext } from "../context";
import { refuseUnhandledArguments } from "../errors";
import type { View } from "../field-resolver";
import type { FunctionRecord } from "../records";
import { metafieldOwnerFields } from "./metafields";

export function shopView(context: AdminContext): View {
  const shop = context.store.shop;
  return {
    __typename: "Shop",
    id: shop.id,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: shop.enabledPresentmentCurrencies,
    ianaTimezone: shop.ianaTimezone,
    createdAt: shop.createdAt,
    plan: { publicDisplayName: shop.planDisplayName, shopifyPlus: shop.shopifyPlus, partnerDevelopment: shop.partnerDevelopment },
    ...metafieldOwnerFields(shop.id),
  };
}

export function appView(context: AdminContext): View {
  const app = context.store.app;
  return { __typename: "App", id: app.id, title: app.title, handle: app.handle, apiKey: app.apiKey };
}

function appInstallationView(context: AdminContext): View {
  const installationId = context.store.app.installationId;
  return {
    __typename: "AppInstallation",
    id: installationId,
    app: () => appView(context),
    accessScopes: context.store.app.accessScopes.map((handle) => ({ handle })),
    ...metafieldOwnerFields(installationId),
  };
}

function functionView(context: AdminContext, record: FunctionRecord): View {
  return {
    id: record.id,
    handle: record.handle,
    title: record.title,
    apiType: record.apiType,
    app: () => appView(context),
    appKey: context.store.app.apiKey,
  };
}

export const shopQueries = {
  shop: (_args: unknown, context: AdminContext) => shopView(context),
  currentAppInstallation: (_args: unknown, context: AdminContext) => appInstallationView(context),
  shopifyFunctions: (args: PageArgs & { apiType?: string | null }, context: AdminContext, info: GraphQLResolveInfo) => {
    refuseUnhandledArguments(info, args, ["first", "last", "after", "before", "reverse", "apiType"]);
    const functions = context.store.functions.filter((candidate) => !args.apiType || candidate.apiType === args.apiType);
    // ShopifyFunction ids are UUIDs, not GIDs: page through them in handle order.
    const ordering = orderBy(
      functions,
      (candidate) => candidate.handle,
      () => "gid://shopify/ShopifyFunction/0",
    );
    return connection("shopifyFunctions", ordering, args, (record) => functionView(context, record));
  },
};

export const shopNodes = {
  Shop: (context: AdminContext, id: string) => (id === context.store.shop.id ? shopView(context) : null),
  AppInstallation: (context: AdminContext, id: string) => (id === context.store.app.installationId ? appInstallationView(context) : null),
  App: (context: AdminContext, id: string) => (id === context.store.app.id ? appView(context) : null),
};
