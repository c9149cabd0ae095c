// Shopify's token exchange: an embedded app trades the session token App Bridge gave it for an
// Admin API access token — the installation's offline token, or an online token tied to the staff
// member behind the session token. Shapes and error codes follow shopify.dev ("Exchange a session
// token for an access token"); the request is what @shopify/shopify-api's tokenExchange sends.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { StaffUserRecord } from "./records";
import type { ShopStore } from "./store";

export const TOKEN_EXCHANGE_PATH = "/admin/oauth/access_token";
export const TOKEN_EXCHANGE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

/** Shopify's online tokens last a day (its examples answer expires_in 86399). */
export const ONLINE_TOKEN_LIFETIME_SECONDS = 86_399;
/** Clock skew allowed on the session token's exp and nbf, as Shopify's libraries allow. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** The app the emulator issues tokens to: its client id and the secret session tokens are signed with. */
export interface AppCredentials {
  /** The client id (API key). When omitted, any client_id is taken, but it must match the token's aud. */
  apiKey?: string;
  apiSecret: string;
}

export interface TokenExchangeDeps {
  credentials: AppCredentials | undefined;
  store: ShopStore;
  /** The offline token the shop was configured with (the emulator's accessTokens option), if any. */
  configuredOfflineToken: string | undefined;
  now: () => Date;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });

// Shopify's error bodies: OAuth 2.0 error codes with a description.
const failure = (status: number, error: string, description: string) => json(status, { error, error_description: description });
const invalidSubjectToken = (description: string) => failure(400, "invalid_subject_token", description);

/** POST https://{shop}/admin/oauth/access_token with a JSON or form-encoded body. */
export async function handleTokenExchange(request: Request, deps: TokenExchangeDeps): Promise<Response> {
  if (!deps.credentials) {
    return new Response(JSON.stringify({ errors: "Not Found" }), {
      status: 404,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "X-Shopify-Emulator-Reason": "Token exchange needs the emulator's appCredentials option (the app's secret)",
      },
    });
  }
  const body = await readForm(request);
  if (!body) return failure(400, "invalid_request", "The request body must be JSON or form-encoded.");
  const missing = ["client_id", "client_secret", "grant_type", "subject_token", "subject_token_type", "requested_token_type"].filter((name) => !body[name]);
  if (missing.length > 0) return failure(400, "invalid_request", `Missing required parameter: ${missing.join(", ")}.`);
  if (body.grant_type !== TOKEN_EXCHANGE_GRANT_TYPE) return failure(400, "unsupported_grant_type", `The grant type ${body.grant_type} is not supported.`);
  const { apiKey, apiSecret } = deps.credentials;
  if ((apiKey !== undefined && body.client_id !== apiKey) || !sameText(body.client_secret, apiSecret)) {
    return failure(401, "invalid_client", "Client authentication failed: the client id or secret is not this app's.");
  }
  if (body.subject_token_type !== ID_TOKEN_TYPE) return failure(400, "invalid_request", `subject_token_type must be ${ID_TOKEN_TYPE}.`);
  if (body.requested_token_type !== OFFLINE_TOKEN_TYPE && body.requested_token_type !== ONLINE_TOKEN_TYPE) {
    return failure(400, "invalid_request", `requested_token_type must be ${OFFLINE_TOKEN_TYPE} or ${ONLINE_TOKEN_TYPE}.`);
  }

  const claims = verifySessionToken(body.subject_token, apiSecret, deps.now());
  if (typeof claims === "string") return invalidSubjectToken(claims);
  const shop = deps.store.shop.domain;
  if (claims.dest !== `https://${shop}`) return invalidSubjectToken(`The session token is for ${String(claims.dest)}, not https://${shop}.`);
  if (claims.aud !== body.client_id) return invalidSubjectToken("The session token was issued to another app (aud).");

  const scope = deps.store.app.accessScopes.join(",");
  const issued = deps.store.issuedTokens;
  if (body.requested_token_type === OFFLINE_TOKEN_TYPE) {
    issued.offline ??= deps.configuredOfflineToken ?? `shpat_${randomBytes(16).toString("hex")}`;
    return json(200, { access_token: issued.offline, scope });
  }

  const user = deps.store.staff.find((staff) => String(staff.id) === String(claims.sub));
  if (!user) return invalidSubjectToken(`The session token's user ${String(claims.sub ?? "(none)")} is not a staff member of ${shop}.`);
  const now = deps.now();
  const token = `shpua_${randomBytes(16).toString("hex")}`;
  issued.online = issued.online.filter((entry) => Date.parse(entry.expiresAt) > now.getTime());
  issued.online.push({ token, userId: user.id, expiresAt: new Date(now.getTime() + ONLINE_TOKEN_LIFETIME_SECONDS * 1000).toISOString() });
  return json(200, {
    access_token: token,
    scope,
    expires_in: ONLINE_TOKEN_LIFETIME_SECONDS,
    associated_user_scope: scope,
    associated_user: associatedUser(user),
  });
}

function associatedUser(user: StaffUserRecord) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    email_verified: user.emailVerified,
    account_owner: user.accountOwner,
    locale: user.locale,
    collaborator: user.collaborator,
  };
}

/**
 * Whether the Admin API takes this token for the shop: the configured token and what token
 * exchange issued (online tokens until they expire). A shop without a configured token takes any
 * non-empty token, except an online token of its own that has expired.
 */
export function acceptsAccessToken(store: ShopStore, token: string | null, configured: string | undefined, now: Date): boolean {
  if (!token) return false;
  const online = store.issuedTokens.online.find((entry) => entry.token === token);
  if (online) return Date.parse(online.expiresAt) > now.getTime();
  if (configured === undefined) return true;
  return token === configured || token === store.issuedTokens.offline;
}

interface SessionTokenClaims {
  iss?: unknown;
  dest?: unknown;
  aud?: unknown;
  sub?: unknown;
  exp?: unknown;
  nbf?: unknown;
}

/** The claims of a valid HS256 session token, or why it is not one. */
function verifySessionToken(token: string, secret: string, now: Date): SessionTokenClaims | string {
  const parts = token.split(".");
  if (parts.length !== 3) return "The session token is not a JWT.";
  const [header, payload, signature] = parts;
  let claims: SessionTokenClaims;
  try {
    const alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown }).alg;
    if (alg !== "HS256") return `The session token is signed with ${String(alg)}, not HS256.`;
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as SessionTokenClaims;
  } catch {
    return "The session token is not a JWT.";
  }
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  if (!sameText(signature, expected)) return "The session token's signature does not match the app's secret.";
  const seconds = now.getTime() / 1000;
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_TOLERANCE_SECONDS < seconds) return "The session token has expired.";
  if (typeof claims.nbf === "number" && claims.nbf - CLOCK_TOLERANCE_SECONDS > seconds) return "The session token is not valid yet.";
  return claims;
}

function sameText(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function readForm(request: Request): Promise<Record<string, string> | null> {
  const text = await request.text();
  const type = request.headers.get("Content-Type") ?? "";
  try {
    const entries: [string, unknown][] = type.includes("application/x-www-form-urlencoded")
      ? [...new URLSearchParams(text)]
      : Object.entries(JSON.parse(text) as Record<string, unknown>);
    return Object.fromEntries(entries.filter(([, value]) => typeof value === "string").map(([key, value]) => [key, value as string]));
  } catch {
    return null;
  }
}
