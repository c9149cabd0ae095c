import type { GraphQLSchema } from "graphql";
import { loadIntrospectedSchema, shopifySchemaFile } from "shopify-checkout";
import { ADMIN_API_VERSION } from "../../app/shopify/config";

/** The one Admin API version the emulator speaks: the app's pinned version, nothing else. */
export const EMULATED_API_VERSION = ADMIN_API_VERSION;

let cachedSchema: GraphQLSchema | undefined;

/**
 * The Admin GraphQL schema of the pinned version, built from the introspection data that
 * `npm install` extracts (scripts/shopify-schemas.mjs). Built once per process: the app's
 * contract test validates documents against it and the emulator executes them on it, so both
 * judge a document by the same schema.
 */
export function loadAdminSchema(): GraphQLSchema {
  cachedSchema ??= loadIntrospectedSchema(shopifySchemaFile(`admin_${EMULATED_API_VERSION}.json.gz`));
  return cachedSchema;
}
