import { randomUUID } from "node:crypto";
import type { GraphqlRequest, GraphqlResponse } from "./execute";
import { TOKEN_EXCHANGE_PATH } from "./token-exchange";

export interface HttpDeps {
  apiVersion: string;
  hasShop: (shop: string) => boolean;
  /** Whether the shop's Admin API takes this access token (see acceptsAccessToken). */
  acceptsToken: (shop: string, token: string | null) => boolean;
  /** POST /admin/oauth/access_token: Shopify's token exchange (token-exchange.ts). */
  exchangeToken: (shop: string, request: Request) => Promise<Response>;
  execute: (shop: string, request: GraphqlRequest) => GraphqlResponse;
}

const ADMIN_GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });

// Shopify's own bodies for these failures.
const notFound = (reason: string) => json(404, { errors: "Not Found" }, { "X-Shopify-Emulator-Reason": reason });
const unauthorized = () => json(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
const missingQuery = () => json(400, { errors: { query: "Required parameter missing or invalid" } });

/**
 * The Admin API's HTTP face. POST /admin/oauth/access_token is token exchange; otherwise: POST https://{shop}/admin/api/{version}/graphql.json with an
 * X-Shopify-Access-Token, a JSON body ({query, variables, operationName}) or a raw
 * application/graphql body. Unknown shops, paths and versions get Shopify's 404, a missing or
 * wrong token its 401; GraphQL outcomes, throttling included, are HTTP 200 as on Shopify.
 */
export async function handleAdminHttp(request: Request, deps: HttpDeps): Promise<Response> {
  const url = new URL(request.url);
  const shop = url.hostname;
  if (url.pathname === TOKEN_EXCHANGE_PATH && request.method === "POST") {
    if (!deps.hasShop(shop)) return notFound(`The emulator has no shop ${shop}`);
    return deps.exchangeToken(shop, request);
  }
  const match = ADMIN_GRAPHQL_PATH.exec(url.pathname);
  if (!match || request.method !== "POST")
    return notFound(
      `The emulator answers only POST /admin/api/${deps.apiVersion}/graphql.json and POST ${TOKEN_EXCHANGE_PATH}, not ${request.method} ${url.pathname}`,
    );
  if (!deps.hasShop(shop)) return notFound(`The emulator has no shop ${shop}`);
  if (match[1] !== deps.apiVersion) return notFound(`The emulator speaks only API version ${deps.apiVersion}, not ${match[1]}`);
  if (!deps.acceptsToken(shop, request.headers.get("X-Shopify-Access-Token"))) return unauthorized();

  const body = await readGraphqlRequest(request);
  if (!body) return missingQuery();
  return json(200, deps.execute(shop, body), { "X-Shopify-API-Version": deps.apiVersion, "X-Request-Id": randomUUID() });
}

async function readGraphqlRequest(request: Request): Promise<GraphqlRequest | null> {
  const text = await request.text();
  if ((request.headers.get("Content-Type") ?? "").includes("application/graphql")) return text.trim() ? { query: text } : null;
  try {
    const parsed = JSON.parse(text) as Partial<GraphqlRequest>;
    if (typeof parsed?.query !== "string" || !parsed.query.trim()) return null;
    return { query: parsed.query, variables: parsed.variables ?? null, operationName: parsed.operationName ?? null };
  } catch {
    return null;
  }
}
