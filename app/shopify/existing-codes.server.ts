// Which codes Shopify already has: a pool must not take a code that another discount of the store
// holds (WELCOME10), since Shopify codes are unique across the store and the code would fail at
// sync, or worse, give the shopper that other discount.
import type { AdminCall } from "./admin-graphql.server";
import { codeKey } from "./code-key";
import type { AdminGraphql } from "./discounts.server";
import { fetchAllDiscounts } from "./existing-discounts.server";

/** Codes per lookup call: Shopify takes at most 250 items in any list. */
export const CODES_PER_LOOKUP = 250;
// Below this many codes outside PromoGuard's pools (nearly every store), they are read once and
// every import checked against them locally, whatever its size; above it each code is looked up.
const LISTED_CODES_AT_MOST = 20_000;

const DISCOUNT_TITLES = `codeDiscount {
      ... on DiscountCodeBasic { title }
      ... on DiscountCodeBxgy { title }
      ... on DiscountCodeFreeShipping { title }
      ... on DiscountCodeApp { title }
    }`;

/**
 * One query looking up `count` codes (variables c0 … c{count-1}) with codeDiscountNodeByCode,
 * which matches codes as Shopify does at checkout. Built per batch size, so it is not one of the
 * tagged static documents: test/shopify-contract.test.ts validates it against the schema itself.
 */
export function codeOwnersQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, index) => `$c${index}: String!`).join(", ");
  const lookups = Array.from({ length: count }, (_, index) => `c${index}: codeDiscountNodeByCode(code: $c${index}) { id ${DISCOUNT_TITLES} }`);
  return `query PromoGuardCodeOwners(${variables}) {\n  ${lookups.join("\n  ")}\n}`;
}

const DISCOUNT_CODES = `#graphql
  query PromoGuardDiscountCodes($id: ID!, $after: String) {
    codeDiscountNode(id: $id) {
      codeDiscount {
        ... on DiscountCodeBasic { codes(first: 250, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }
        ... on DiscountCodeBxgy { codes(first: 250, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }
        ... on DiscountCodeFreeShipping { codes(first: 250, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }
        ... on DiscountCodeApp { codes(first: 250, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }
      }
    }
  }
`;

type CodesPage = {
  codeDiscountNode: { codeDiscount: { codes?: { nodes: { code: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } | null;
};
type Owner = { id: string; codeDiscount: { title?: string } } | null;

/** Finds, by code key, the title of the Shopify discount holding each code (any number of codes). */
export type CodesInShopify = (codes: { code: string; codeKey: string }[]) => Promise<Map<string, string>>;

/** Looks each code up, CODES_PER_LOOKUP a call: for a few codes (one added by hand). */
export const lookUpCodesInShopify =
  (call: AdminCall): CodesInShopify =>
  (codes) =>
    lookUp(call, codes);

/**
 * The lookup for one import or one added code. `poolFedDiscountIds` are PromoGuard's discounts
 * fed by pools: their codes are pool codes, which the pools themselves already refuse twice.
 * Every call goes through `call` (throttle-aware).
 */
export async function codesInShopify(admin: AdminGraphql, call: AdminCall, poolFedDiscountIds: ReadonlySet<string>): Promise<CodesInShopify> {
  const others = (await fetchAllDiscounts(admin)).filter((discount) => discount.method === "CODE" && !poolFedDiscountIds.has(discount.shopifyDiscountId));
  const total = others.reduce((sum, discount) => sum + discount.codesCount, 0);
  if (total > LISTED_CODES_AT_MOST) return lookUpCodesInShopify(call);
  const titleOf = new Map<string, string>();
  for (const discount of others) {
    const codes = discount.codes.length >= discount.codesCount ? discount.codes : await allCodesOf(call, discount.shopifyDiscountId);
    for (const code of codes) titleOf.set(codeKey(code), discount.title);
  }
  return async (codes) => new Map(codes.filter(({ codeKey: key }) => titleOf.has(key)).map(({ codeKey: key }) => [key, titleOf.get(key)!]));
}

async function lookUp(call: AdminCall, codes: { code: string; codeKey: string }[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let start = 0; start < codes.length; start += CODES_PER_LOOKUP) {
    const batch = codes.slice(start, start + CODES_PER_LOOKUP);
    const data = await call<Record<string, Owner>>(codeOwnersQuery(batch.length), Object.fromEntries(batch.map(({ code }, index) => [`c${index}`, code])));
    batch.forEach(({ codeKey: key }, index) => {
      const owner = data[`c${index}`];
      if (owner) found.set(key, owner.codeDiscount.title ?? "another app's discount");
    });
  }
  return found;
}

async function allCodesOf(call: AdminCall, discountId: string): Promise<string[]> {
  const codes: string[] = [];
  for (let after: string | null = null; ;) {
    const data: CodesPage = await call<CodesPage>(DISCOUNT_CODES, { id: discountId, after });
    const page = data.codeDiscountNode?.codeDiscount.codes;
    if (!page) return codes;
    codes.push(...page.nodes.map((node) => node.code));
    if (!page.pageInfo.hasNextPage) return codes;
    after = page.pageInfo.endCursor;
  }
}
