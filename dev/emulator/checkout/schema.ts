import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Discount Function API version checkout runs functions against; a function's toml must pin the same. */
export const FUNCTION_API_VERSION = "2026-10";

const schemasRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", ".shopify-schemas");

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
  cachedSchema ??= buildClientSchema(readIntrospection(discountSchemaFile()));
  return cachedSchema;
}

function discountSchemaFile(): string {
  const fileName = `functions_discount_${FUNCTION_API_VERSION}.json.gz`;
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

function readIntrospection(file: string): IntrospectionQuery {
  const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data?: IntrospectionQuery };
  if (!parsed.data?.__schema) throw new Error(`${file} is not an introspection result ({"data":{"__schema":…}})`);
  return parsed.data;
}
