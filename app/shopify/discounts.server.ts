// PromoGuard's discount operations on the Admin API: the campaign's code discount, the shop's
// guard (an automatic discount) and the shop metafield holding the stacking catalogue. Each call
// returns Shopify's userErrors as data; transport and GraphQL errors throw.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { AdminCall } from "./admin-graphql.server";
import type { DiscountCodeAppInput as GeneratedCodeInput, DiscountAutomaticAppInput as GeneratedAutomaticInput } from "~/types/admin.types";

/** The generated inputs, with discount classes as the strings they are on the wire (the
 * generated enum only exists as a declaration, never at runtime). */
type WithClassNames<T> = Omit<T, "discountClasses"> & { discountClasses?: ("PRODUCT" | "ORDER" | "SHIPPING")[] };
export type DiscountCodeAppInput = WithClassNames<GeneratedCodeInput>;
export type DiscountAutomaticAppInput = WithClassNames<GeneratedAutomaticInput>;

/** The class names are exactly the enum's values, which is what Shopify receives. */
function onTheWire<T>(input: WithClassNames<T>): T {
  return input as unknown as T;
}

export type AdminGraphql = Pick<AdminApiContext, "graphql">;

export interface ShopifyUserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export type SaveResult = { ok: true; discountId: string } | { ok: false; userErrors: ShopifyUserError[] };

const CODE_DISCOUNT_CREATE = `#graphql
  mutation PromoGuardCodeDiscountCreate($input: DiscountCodeAppInput!) {
    discountCodeAppCreate(codeAppDiscount: $input) {
      codeAppDiscount { discountId }
      userErrors { field message code }
    }
  }
`;

const CODE_DISCOUNT_UPDATE = `#graphql
  mutation PromoGuardCodeDiscountUpdate($id: ID!, $input: DiscountCodeAppInput!) {
    discountCodeAppUpdate(id: $id, codeAppDiscount: $input) {
      codeAppDiscount { discountId }
      userErrors { field message code }
    }
  }
`;

const CODE_DISCOUNT_ACTIVATE = `#graphql
  mutation PromoGuardCodeDiscountActivate($id: ID!) {
    discountCodeActivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

const CODE_DISCOUNT_DEACTIVATE = `#graphql
  mutation PromoGuardCodeDiscountDeactivate($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

const AUTOMATIC_DISCOUNT_CREATE = `#graphql
  mutation PromoGuardGuardCreate($input: DiscountAutomaticAppInput!) {
    discountAutomaticAppCreate(automaticAppDiscount: $input) {
      automaticAppDiscount { discountId }
      userErrors { field message code }
    }
  }
`;

const DISCOUNT_EXISTS = `#graphql
  query PromoGuardDiscountExists($id: ID!) {
    discountNode(id: $id) { id }
  }
`;

const SHOP_ID = `#graphql
  query PromoGuardShopId {
    shop { id }
  }
`;

const METAFIELDS_SET = `#graphql
  mutation PromoGuardMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;

async function data<T>(response: Response): Promise<T> {
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`Shopify answered without data: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

type Payload = { userErrors: ShopifyUserError[] } & Record<string, unknown>;

function saveResult(payload: Payload | null | undefined, discount: { discountId: string } | null | undefined): SaveResult {
  if (!payload) throw new Error("Shopify returned no payload for a discount mutation");
  if (payload.userErrors.length > 0 || !discount) return { ok: false, userErrors: payload.userErrors };
  return { ok: true, discountId: discount.discountId };
}

export async function createCodeDiscount(admin: AdminGraphql, input: DiscountCodeAppInput): Promise<SaveResult> {
  const result = await data<{ discountCodeAppCreate: Payload & { codeAppDiscount: { discountId: string } | null } }>(
    await admin.graphql(CODE_DISCOUNT_CREATE, { variables: { input: onTheWire<GeneratedCodeInput>(input) } }),
  );
  return saveResult(result.discountCodeAppCreate, result.discountCodeAppCreate?.codeAppDiscount);
}

export async function updateCodeDiscount(admin: AdminGraphql, id: string, input: DiscountCodeAppInput): Promise<SaveResult> {
  const result = await data<{ discountCodeAppUpdate: Payload & { codeAppDiscount: { discountId: string } | null } }>(
    await admin.graphql(CODE_DISCOUNT_UPDATE, { variables: { id, input: onTheWire<GeneratedCodeInput>(input) } }),
  );
  return saveResult(result.discountCodeAppUpdate, result.discountCodeAppUpdate?.codeAppDiscount);
}

/** Activates or deactivates a code discount; Shopify's user errors when it refuses. */
export async function setCodeDiscountActive(admin: AdminGraphql, id: string, active: boolean): Promise<ShopifyUserError[]> {
  if (active) {
    const result = await data<{ discountCodeActivate: Payload }>(await admin.graphql(CODE_DISCOUNT_ACTIVATE, { variables: { id } }));
    return result.discountCodeActivate.userErrors;
  }
  const result = await data<{ discountCodeDeactivate: Payload }>(await admin.graphql(CODE_DISCOUNT_DEACTIVATE, { variables: { id } }));
  return result.discountCodeDeactivate.userErrors;
}

export async function createAutomaticDiscount(admin: AdminGraphql, input: DiscountAutomaticAppInput): Promise<SaveResult> {
  const result = await data<{ discountAutomaticAppCreate: Payload & { automaticAppDiscount: { discountId: string } | null } }>(
    await admin.graphql(AUTOMATIC_DISCOUNT_CREATE, { variables: { input: onTheWire<GeneratedAutomaticInput>(input) } }),
  );
  return saveResult(result.discountAutomaticAppCreate, result.discountAutomaticAppCreate?.automaticAppDiscount);
}

export async function discountExists(admin: AdminGraphql, id: string): Promise<boolean> {
  const result = await data<{ discountNode: { id: string } | null }>(await admin.graphql(DISCOUNT_EXISTS, { variables: { id } }));
  return result.discountNode !== null;
}

/** One metafield write of metafieldsSet. */
export interface MetafieldWrite {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

/** Shopify takes at most 25 metafields per metafieldsSet. */
export const METAFIELDS_PER_SET = 25;

/**
 * Writes metafields on any owners, 25 per call; returns Shopify's refusals. Through a throttle-aware
 * caller (admin-graphql.server.ts) when a job writes many.
 */
export async function setMetafields(admin: AdminGraphql | AdminCall, metafields: readonly MetafieldWrite[]): Promise<ShopifyUserError[]> {
  const userErrors: ShopifyUserError[] = [];
  for (let start = 0; start < metafields.length; start += METAFIELDS_PER_SET) {
    const variables = { metafields: metafields.slice(start, start + METAFIELDS_PER_SET) };
    const result =
      typeof admin === "function"
        ? await admin<{ metafieldsSet: Payload }>(METAFIELDS_SET, variables)
        : await data<{ metafieldsSet: Payload }>(await admin.graphql(METAFIELDS_SET, { variables }));
    userErrors.push(...result.metafieldsSet.userErrors);
  }
  return userErrors;
}

/** Writes one JSON metafield on the shop itself. */
export async function setShopJsonMetafield(admin: AdminGraphql, namespace: string, key: string, value: unknown): Promise<ShopifyUserError[]> {
  const { shop } = await data<{ shop: { id: string } }>(await admin.graphql(SHOP_ID));
  return setMetafields(admin, [{ ownerId: shop.id, namespace, key, type: "json", value: JSON.stringify(value) }]);
}
