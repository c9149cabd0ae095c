// Shopify checkout's discount handling, offline: run discount Functions on a cart the way
// checkout does (input built by executing each function's own input query, the bundle run in
// QuickJS, operations validated and applied, codes judged). The demo's checkout emulator
// (dev/emulator/checkout) and the admin's cart simulator (app/domain/simulator) both run it.
// Everything exported here runs in production; ./source.ts (esbuild, toml) is build time only.
export { simulateCheckout } from "./simulate";
export { functionInput, type InputDiscount } from "./run-functions";
export {
  functionConfig,
  shopifyFunction,
  RUN_TARGETS,
  type FunctionParts,
  type FunctionTargetConfig,
  type ShopifyFunction,
  type ShopifyFunctionConfig,
} from "./function-extension";
export { readPrebuiltFunctions, PREBUILT_MANIFEST, PREBUILT_SCHEMA, type PrebuiltManifest } from "./prebuilt";
export { runFunctionInQuickJS, QUICKJS_MEMORY_LIMIT_BYTES, type FunctionBundle, type FunctionRun } from "./quickjs";
export { UnimplementedFieldError } from "./input-resolvers";
export {
  DISCOUNT_FUNCTION_SCHEMA_FILE,
  FUNCTION_API_VERSION,
  discountFunctionSchemaFile,
  loadDiscountFunctionSchema,
  loadIntrospectedSchema,
  shopifySchemaFile,
  setDiscountFunctionSchemaFile,
} from "./schema";
export type * from "./types";
