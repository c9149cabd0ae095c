import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_API_VERSION } from "../../app/shopify/config";

/** The one Admin API version the emulator speaks: the app's pinned version, nothing else. */
export const EMULATED_API_VERSION = ADMIN_API_VERSION;

const schemasRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", ".shopify-schemas");

let cachedSchema: GraphQLSchema | undefined;

/**
 * The Admin GraphQL schema of the pinned version, built from the introspection data that
 * `npm install` extracts (scripts/shopify-schemas.mjs). Built once per process: the app's
 * contract test validates documents against it and the emulator executes them on it, so both
 * judge a document by the same schema.
 */
export function loadAdminSchema(): GraphQLSchema {
  cachedSchema ??= loadIntrospectedSchema(`admin_${EMULATED_API_VERSION}.json.gz`);
  return cachedSchema;
}

/** Builds a schema from one of the extracted introspection files (Admin or a Function API). */
export function loadIntrospectedSchema(fileName: string): GraphQLSchema {
  return buildClientSchema(readIntrospection(schemaFile(fileName)));
}

function schemaFile(fileName: string): string {
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
