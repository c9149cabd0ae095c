// Admin API calls for discounts PromoGuard did not create: switching one off in Shopify. Adoption
// changes nothing in Shopify (the discount stays exactly as it is), so it has no call here.
import { setCodeDiscountActive, type AdminGraphql, type ShopifyUserError } from "./discounts.server";

const AUTOMATIC_DISCOUNT_DEACTIVATE = `#graphql
  mutation PromoGuardAutomaticDiscountDeactivate($id: ID!) {
    discountAutomaticDeactivate(id: $id) {
      automaticDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

/**
 * Deactivates a store discount: Shopify ends it now (its end date becomes the present), keeping
 * its history and codes. Code and automatic discounts have separate mutations.
 */
export async function deactivateStoreDiscount(admin: AdminGraphql, id: string, method: "CODE" | "AUTOMATIC"): Promise<ShopifyUserError[]> {
  if (method === "CODE") return setCodeDiscountActive(admin, id, false);
  const response = await admin.graphql(AUTOMATIC_DISCOUNT_DEACTIVATE, { variables: { id } });
  const body = (await response.json()) as { data?: { discountAutomaticDeactivate: { userErrors: ShopifyUserError[] } | null }; errors?: unknown };
  if (!body.data?.discountAutomaticDeactivate) throw new Error(`Shopify answered discountAutomaticDeactivate without data: ${JSON.stringify(body.errors)}`);
  return body.data.discountAutomaticDeactivate.userErrors;
}
