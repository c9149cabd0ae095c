// The local Shopify emulator: Admin GraphQL (2026-10) on the real schema, with state, costs and
// throttling, and Shopify-signed webhooks. See README.md for what is implemented.
export { createShopifyEmulator, DEFAULT_SHOP, type EmulatorSnapshot, type ShopifyEmulator, type ShopifyEmulatorOptions } from "./emulator";
export { EMULATED_API_VERSION, loadAdminSchema } from "./schema";
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from "./server";
export {
  appUninstalledPayload,
  buildWebhookRequest,
  customersDataRequestPayload,
  customersRedactPayload,
  deliverWebhooks,
  inventoryLevelUpdatePayload,
  orderWebhookPayload,
  shopRedactPayload,
  signWebhookBody,
  type DeliveryOptions,
  type DeliveryResult,
  type WebhookRequestInput,
} from "./webhooks";
export type { GraphqlRequest, GraphqlResponse } from "./admin/execute";
export type { Amount } from "./admin/money";
export type { CustomerSeed, DiscountSeed, FunctionSeed, ProductSeed, Seeder, ShopSeed } from "./admin/seed";
export type { OrderSeed } from "./admin/seed-orders";
export type { ShopStore } from "./admin/store";
export { PLAN_RATE_LIMITS, SINGLE_QUERY_MAX_COST, type RateLimit, type ThrottleStatus } from "./admin/throttle";
export type * from "./admin/records";
export { APP_EXTENSIONS, appFunctionExtensions, deployAppFunctions, deployAppFlowExtensions } from "./deploy";
export { appFlowExtensions, signFlowBody, type FlowActionRunInput, type FlowActionRunResult } from "./flow";
