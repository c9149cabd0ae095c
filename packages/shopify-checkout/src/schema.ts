// The Shopify GraphQL schemas this package executes against, from the introspection data
// `npm install` extracts (scripts/shopify-schemas.mjs) into .shopify-schemas/<release>/. A build
// that runs elsewhere names the Discount Function API's file itself (setDiscountFunctionSchemaFile).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Discount Function API version checkout runs functions against; a function's toml must pin the same. */
export const FUNCTION_API_VERSION = "2026-10";
export const DISCOUNT_FUNCTION_SCHEMA_FILE = `functions_discount_${FUNCTION_API_VERSION}.json.gz`;

/**
 * Input objects Shopify declares @oneOf (exactly one field, not null). Introspection does not
 * carry the flag, so checkout enforces it from this list, taken from Shopify's published SDL.
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

const schemasRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", ".shopify-schemas");

/** The path of one of the extracted introspection files (Admin or a Function API) in the project. */
export function shopifySchemaFile(fileName: string): string {
  const candidates = existsSync(schemasRoot)
    ? readdirSync(schemasRoot)
        .map((release) => path.join(schemasRoot, release, fileName))
        .filter((file) => existsSync(file))
    : [];
  if (candidates.length !== 1) {
    throw new Error(
      candidates.length === 0
        ? `No ${fileName} under ${schemasRoot}. Run \`npm install\`: its postinstall step (scripts/shopify-schemas.mjs) extracts the Shopify schemas.`
        : `Several copies of ${fileName} under ${schemasRoot} (${candidates.join(", ")}); remove the stale release folder.`,
    );
  }
  return candidates[0];
}

/** Builds a schema from a gzipped introspection result ({"data":{"__schema":…}}). */
export function loadIntrospectedSchema(file: string): GraphQLSchema {
  const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data?: IntrospectionQuery };
  if (!parsed.data?.__schema) throw new Error(`${file} is not an introspection result ({"data":{"__schema":…}})`);
  return buildClientSchema(parsed.data);
}

let schemaFile: string | undefined;
let cachedSchema: GraphQLSchema | undefined;

/** Where the Discount Function API schema is read from: the project's extracted copy unless told otherwise. */
export function discountFunctionSchemaFile(): string {
  return schemaFile ?? shopifySchemaFile(DISCOUNT_FUNCTION_SCHEMA_FILE);
}

/** Reads the Discount Function API schema from `file` from now on (a production build ships its own copy). */
export function setDiscountFunctionSchemaFile(file: string): void {
  if (schemaFile === file) return;
  schemaFile = file;
  cachedSchema = undefined;
}

/** The Discount Function API schema of the pinned version, built once per process. */
export function loadDiscountFunctionSchema(): GraphQLSchema {
  cachedSchema ??= loadIntrospectedSchema(discountFunctionSchemaFile());
  return cachedSchema;
}
