import type { GraphQLSchema } from "graphql";
import { loadIntrospectedSchema } from "../schema";

/** The Discount Function API version checkout runs functions against; a function's toml must pin the same. */
export const FUNCTION_API_VERSION = "2026-10";

/**
 * Input objects Shopify declares @oneOf (exactly one field, not null). Introspection does not
 * carry the flag, so the emulator enforces it from this list, taken from Shopify's published SDL.
 */
export const ONE_OF_INPUT_TYPES: ReadonlySet<string> = new Set([
  "CartOperation",
  "DeliveryOperation",
  "Condition",
  "ProductDiscountCandidateTarget",
  "ProductDiscountCandidateValue",
  "ProductDiscountCandidatePrerequisite",
  "OrderDiscountCandidateTarget",
  "OrderDiscountCandidateValue",
  "DeliveryDiscountCandidateTarget",
  "DeliveryDiscountCandidateValue",
]);

let cachedSchema: GraphQLSchema | undefined;

/** The Discount Function API schema of the pinned version, built once per process from the introspection data `npm install` extracts. */
export function loadDiscountFunctionSchema(): GraphQLSchema {
  cachedSchema ??= loadIntrospectedSchema(`functions_discount_${FUNCTION_API_VERSION}.json.gz`);
  return cachedSchema;
}
