import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/shopify/config";

// Types for every #graphql document in app/, generated from the pinned Admin API schema that
// scripts/shopify-schemas.mjs extracted. Shopify's preset points at a network URL; every
// occurrence is replaced with the local file, and its schema-copy output is dropped.
const LOCAL_SCHEMA = `./.shopify-schemas/1.16.0/admin_${ADMIN_API_VERSION}.json`;

const project = shopifyApiProject({
  apiType: ApiType.Admin,
  apiVersion: ADMIN_API_VERSION,
  documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
  outputDir: "./app/types",
});

const generates = Object.fromEntries(
  Object.entries(project.extensions.codegen.generates)
    .filter(([output]) => output.endsWith(".d.ts"))
    .map(([output, target]) => [output, { ...target, schema: LOCAL_SCHEMA }]),
);

export default {
  projects: {
    default: {
      ...project,
      schema: LOCAL_SCHEMA,
      extensions: { codegen: { ...project.extensions.codegen, generates } },
    },
  },
};
