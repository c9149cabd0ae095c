// The redeem codes of a code discount: bulk creation (asynchronous on Shopify's side, polled),
// the per-code outcome, lookups by code, and bulk deletion. Every function takes a throttled
// Admin call (admin-graphql.server.ts) and returns Shopify's userErrors as data.
import type {
  PromoGuardDiscountOfCodeQuery,
  PromoGuardRedeemCodesAddMutation,
  PromoGuardRedeemCodesBulkCreationCodesQuery,
  PromoGuardRedeemCodesBulkCreationQuery,
  PromoGuardRedeemCodesDeleteMutation,
  PromoGuardRedeemCodesFindQuery,
} from "~/types/admin.generated";
import type { AdminCall } from "./admin-graphql.server";
import type { ShopifyUserError } from "./discounts.server";
import { codeKey } from "./code-key";

/** Shopify takes at most 250 items in any input list (shopify.dev "Shopify API limits"). */
export const REDEEM_CODES_PER_CALL = 250;

const BULK_ADD = `#graphql
  mutation PromoGuardRedeemCodesAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
    discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
      bulkCreation { id }
      userErrors { field message code }
    }
  }
`;

const BULK_CREATION_STATUS = `#graphql
  query PromoGuardRedeemCodesBulkCreation($id: ID!) {
    discountRedeemCodeBulkCreation(id: $id) {
      done
      codesCount
      importedCount
      failedCount
    }
  }
`;

const BULK_CREATION_CODES = `#graphql
  query PromoGuardRedeemCodesBulkCreationCodes($id: ID!, $after: String) {
    discountRedeemCodeBulkCreation(id: $id) {
      codes(first: 250, after: $after) {
        nodes { code errors { message } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

const DISCOUNT_OF_CODE = `#graphql
  query PromoGuardDiscountOfCode($code: String!) {
    codeDiscountNodeByCode(code: $code) { id }
  }
`;

const CODES_OF_DISCOUNT = `#graphql
  query PromoGuardRedeemCodesFind($discountId: ID!, $search: String!) {
    codeDiscountNode(id: $discountId) {
      codeDiscount {
        ... on DiscountCodeApp {
          codes(first: 250, query: $search) { nodes { id code } }
        }
      }
    }
  }
`;

const BULK_DELETE = `#graphql
  mutation PromoGuardRedeemCodesDelete($discountId: ID!, $ids: [ID!]!) {
    discountCodeRedeemCodeBulkDelete(discountId: $discountId, ids: $ids) {
      job { id }
      userErrors { field message code }
    }
  }
`;

function payloadOf<Payload>(payload: Payload | null | undefined, mutation: string): Payload {
  if (!payload) throw new Error(`Shopify answered ${mutation} without a payload`);
  return payload;
}

const toUserError = (error: { field?: string[] | null; message: string; code?: string | null }): ShopifyUserError => ({
  field: error.field ?? null,
  message: error.message,
  code: error.code ?? null,
});

function checkBatch(codes: readonly string[]) {
  if (codes.length === 0 || codes.length > REDEEM_CODES_PER_CALL) {
    throw new Error(`A redeem-code call takes 1 to ${REDEEM_CODES_PER_CALL} codes, got ${codes.length}`);
  }
}

export type BulkAddResult = { ok: true; bulkCreationId: string } | { ok: false; userErrors: ShopifyUserError[] };

/** Starts a bulk creation of up to 250 codes; Shopify creates them asynchronously. */
export async function addRedeemCodes(call: AdminCall, discountId: string, codes: readonly string[]): Promise<BulkAddResult> {
  checkBatch(codes);
  const data = await call<PromoGuardRedeemCodesAddMutation>(BULK_ADD, { discountId, codes: codes.map((code) => ({ code })) });
  const payload = payloadOf(data.discountRedeemCodeBulkAdd, "discountRedeemCodeBulkAdd");
  if (payload.bulkCreation && payload.userErrors.length === 0) return { ok: true, bulkCreationId: payload.bulkCreation.id };
  return { ok: false, userErrors: payload.userErrors.map(toUserError) };
}

export interface BulkCreationStatus {
  done: boolean;
  codesCount: number;
  importedCount: number;
  failedCount: number;
}

/** A bulk creation's progress (cheap: one point); null when Shopify does not know the id. */
export async function readBulkCreation(call: AdminCall, bulkCreationId: string): Promise<BulkCreationStatus | null> {
  const data = await call<PromoGuardRedeemCodesBulkCreationQuery>(BULK_CREATION_STATUS, { id: bulkCreationId });
  return data.discountRedeemCodeBulkCreation ?? null;
}

/** The codes a finished bulk creation refused, each with Shopify's reasons. */
export async function readBulkCreationFailures(call: AdminCall, bulkCreationId: string): Promise<{ code: string; messages: string[] }[]> {
  const failures: { code: string; messages: string[] }[] = [];
  let after: string | null | undefined = null;
  do {
    const page: PromoGuardRedeemCodesBulkCreationCodesQuery = await call<PromoGuardRedeemCodesBulkCreationCodesQuery>(BULK_CREATION_CODES, {
      id: bulkCreationId,
      after,
    });
    const codes = page.discountRedeemCodeBulkCreation?.codes;
    if (!codes) break;
    for (const node of codes.nodes) {
      if (node.errors.length > 0) failures.push({ code: node.code, messages: node.errors.map((error) => error.message) });
    }
    after = codes.pageInfo.hasNextPage ? codes.pageInfo.endCursor : null;
  } while (after);
  return failures;
}

/** The code discount a code belongs to anywhere in the shop, or null. */
export async function findDiscountOfCode(call: AdminCall, code: string): Promise<string | null> {
  const data = await call<PromoGuardDiscountOfCodeQuery>(DISCOUNT_OF_CODE, { code });
  return data.codeDiscountNodeByCode?.id ?? null;
}

/** A search term matching exactly one code: quoted, with quotes and backslashes escaped. */
const codeTerm = (code: string) => `code:"${code.replace(/["\\]/g, (character) => `\\${character}`)}"`;

/** The ids of those of `codes` that are redeem codes of the discount (compared case-insensitively). */
export async function findRedeemCodeIds(call: AdminCall, discountId: string, codes: readonly string[]): Promise<{ id: string; code: string }[]> {
  checkBatch(codes);
  const data = await call<PromoGuardRedeemCodesFindQuery>(CODES_OF_DISCOUNT, {
    discountId,
    search: codes.map(codeTerm).join(" OR "),
  });
  const wanted = new Set(codes.map(codeKey));
  // The search only narrows; the exact comparison decides what gets deleted.
  return (data.codeDiscountNode?.codeDiscount.codes?.nodes ?? []).filter((node) => wanted.has(codeKey(node.code)));
}

/** Deletes redeem codes of the discount by id (Shopify runs it as a job). */
export async function deleteRedeemCodes(call: AdminCall, discountId: string, ids: readonly string[]): Promise<ShopifyUserError[]> {
  checkBatch(ids);
  const data = await call<PromoGuardRedeemCodesDeleteMutation>(BULK_DELETE, { discountId, ids });
  return payloadOf(data.discountCodeRedeemCodeBulkDelete, "discountCodeRedeemCodeBulkDelete").userErrors.map(toUserError);
}
