// The public API under test: keys made the way Settings → API keys makes them, and requests sent
// through the whole Remix app in-process (routing included), as an email tool would send them.
import prisma from "~/db.server";
import { createApiKey, revokeApiKey } from "~/domain/api-keys/keys.server";
import type { ApiScope } from "~/domain/api-keys/scopes";
import { APP_ORIGIN, installShop, TEST_SHOP, testStaff } from "../support/shopify-app";
import type { startRemixApp } from "../support/remix-server";

export type App = Awaited<ReturnType<typeof startRemixApp>>;

let keys = 0;

/** A new key of an installed shop with these scopes, created by its Owner; its secret. */
export async function apiKey(scopes: ApiScope[], shop: string = TEST_SHOP): Promise<string> {
  await installShop(shop);
  const owner = await testStaff("owner", shop);
  const { secret } = await createApiKey(prisma, shop, { name: `Test key ${++keys}`, scopes }, owner);
  return secret;
}

/** A key that was revoked by its shop's Owner. */
export async function revokedApiKey(scopes: ApiScope[], shop: string = TEST_SHOP): Promise<string> {
  const secret = await apiKey(scopes, shop);
  const key = await prisma.apiKey.findFirstOrThrow({ where: { shopDomain: shop }, orderBy: { id: "desc" } });
  await revokeApiKey(prisma, shop, key.id, await testStaff("owner", shop));
  return secret;
}

export interface ApiCall {
  method?: string;
  key?: string | null;
  /** A JSON body (sent as application/json), or a raw body with its own headers. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export function apiRequest(path: string, { method = "GET", key, json, body, headers = {} }: ApiCall = {}): Request {
  const all: Record<string, string> = { ...headers };
  if (key) all.Authorization = `Bearer ${key}`;
  if (json !== undefined) all["Content-Type"] ??= "application/json";
  return new Request(new URL(path, APP_ORIGIN), { method, headers: all, body: json !== undefined ? JSON.stringify(json) : body });
}

export async function callApi(app: App, path: string, call: ApiCall = {}) {
  const response = await app.fetch(apiRequest(path, call));
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> & { [key: string]: unknown } };
}
