// Shopify Flow, as far as the app can tell: the app's flow_trigger and flow_action extensions
// deployed from their tomls, workflows started by flowTriggerReceive (admin/resolvers/flow.ts),
// and workflow steps that run one of the app's actions — a JSON POST to the action's runtime URL,
// signed with the app's client secret in X-Shopify-Hmac-SHA256, with Flow's retry rules.
// (shopify.dev/docs/apps/build/flow/actions/endpoints; triggers/reference; actions/reference)
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { legacyId } from "./admin/ids";
import type { FlowExtensionRecord, FlowFieldRecord } from "./admin/records";
import type { ShopStore } from "./admin/store";
import { APP_EXTENSIONS } from "./deploy";

interface FlowToml {
  extensions?: { type?: string; handle?: string; name?: string; runtime_url?: string }[];
  settings?: { fields?: { type: string; key?: string; required?: boolean }[] };
}

/** A commerce reference travels as `<object>_id` (customer_reference → customer_id). */
const payloadKey = (field: { type: string; key?: string }) =>
  field.type.endsWith("_reference") ? `${field.type.slice(0, -"_reference".length)}_id` : (field.key ?? "");

const read = new Map<string, FlowExtensionRecord[]>();

/** The app's Flow triggers and actions, read (once per process) from each extension's shopify.extension.toml. */
export function appFlowExtensions(directory = APP_EXTENSIONS): FlowExtensionRecord[] {
  let extensions = read.get(directory);
  if (!extensions) read.set(directory, (extensions = readFlowExtensions(directory)));
  return structuredClone(extensions);
}

function readFlowExtensions(directory: string): FlowExtensionRecord[] {
  const found: FlowExtensionRecord[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(directory, entry.name, "shopify.extension.toml");
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const toml = parseToml(readFileSync(file, "utf8")) as FlowToml;
    const fields: FlowFieldRecord[] = (toml.settings?.fields ?? []).map((field) => ({
      type: field.type,
      key: payloadKey(field),
      required: field.required ?? false,
    }));
    for (const extension of toml.extensions ?? []) {
      if ((extension.type !== "flow_trigger" && extension.type !== "flow_action") || !extension.handle) continue;
      found.push({
        kind: extension.type === "flow_trigger" ? "trigger" : "action",
        handle: extension.handle,
        title: extension.name ?? extension.handle,
        fields,
        runtimeUrl: extension.runtime_url ?? null,
      });
    }
  }
  return found;
}

/** What `shopify app deploy` does for the app's Flow extensions in one shop: the current versions replace the deployed ones. */
export function deployFlowExtensions(store: ShopStore, extensions: FlowExtensionRecord[] = appFlowExtensions()): void {
  store.flow.extensions = structuredClone(extensions);
}

export interface FlowActionRunInput {
  /** The action's handle (its extension's toml). */
  handle: string;
  /** The step's fields as the merchant configured them: `customer_id` (a GID or numeric id) and the action's keys. */
  properties: Record<string, unknown>;
  /** The app's origin: the runtime URL's path is requested there (as `shopify app dev` points it at the app). */
  appUrl: string | URL;
  /** The same id for Flow's resends of one step; a new one per step by default. */
  actionRunId?: string;
  /** Where requests go: fetch (default), or a function calling the app's route directly. */
  send?: (request: Request) => Promise<Response>;
  /** Resends Flow makes after a 202, a 429 or a 5xx answer (Flow keeps trying for up to 24 hours). */
  retries?: number;
  /** Signs with this secret instead of the app's (a forged request). */
  secret?: string;
}

export interface FlowActionRunResult {
  actionRunId: string;
  /** Every delivery of the step, in order: status and body as the app answered. */
  attempts: { status: number; body: string }[];
  /** 200: Flow marks the step done; another 4xx: failed, never resent; otherwise still retrying. */
  status: number;
}

/** Flow's X-Shopify-Hmac-SHA256: base64 HMAC-SHA256 of the raw body with the app's client secret. */
export function signFlowBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

function actionProperties(action: FlowExtensionRecord, properties: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(action.fields.map((field) => field.key));
  const unknown = Object.keys(properties).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`The Flow action ${action.handle} has no field ${unknown.join(", ")}`);
  const missing = action.fields.filter((field) => field.required && (properties[field.key] === undefined || properties[field.key] === ""));
  if (missing.length > 0) throw new Error(`Flow would not save a step of ${action.handle} without ${missing.map((field) => field.key).join(", ")}`);
  // Flow sends commerce references as numeric ids, as text.
  const converted = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [
      key,
      key.endsWith("_id") && typeof value === "string" && value.startsWith("gid://") ? String(legacyId(value)) : value,
    ]),
  );
  return { ...converted, step_reference: randomUUID() };
}

const RESENT_STATUSES = (status: number) => status === 202 || status === 429 || status >= 500;

/**
 * Runs one workflow step of the app's action in the shop: the request Flow sends (shop_id,
 * shopify_domain, action_run_id, action_definition_id, handle, properties), signed, delivered
 * and resent as Flow resends it.
 */
export async function runFlowAction(store: ShopStore, appSecret: string, input: FlowActionRunInput): Promise<FlowActionRunResult> {
  const action = store.flow.extensions.find((extension) => extension.kind === "action" && extension.handle === input.handle);
  if (!action?.runtimeUrl) throw new Error(`The app has no deployed Flow action with the handle ${input.handle}`);
  const actionRunId = input.actionRunId ?? randomUUID();
  const body = JSON.stringify({
    shop_id: String(legacyId(store.shop.id)),
    shopify_domain: store.shop.domain,
    action_run_id: actionRunId,
    action_definition_id: action.title,
    handle: action.handle,
    properties: actionProperties(action, input.properties),
  });
  const runtime = new URL(action.runtimeUrl);
  const url = new URL(runtime.pathname + runtime.search, input.appUrl);
  const send = input.send ?? ((request: Request) => fetch(request));
  const attempts: FlowActionRunResult["attempts"] = [];
  for (let attempt = 0; attempt <= (input.retries ?? 0); attempt++) {
    const request = new Request(url, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", "X-Shopify-Hmac-SHA256": signFlowBody(body, input.secret ?? appSecret) },
    });
    const response = await send(request);
    attempts.push({ status: response.status, body: await response.text() });
    if (!RESENT_STATUSES(response.status)) break;
  }
  return { actionRunId, attempts, status: attempts.at(-1)!.status };
}
