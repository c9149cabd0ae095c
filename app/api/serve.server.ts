// How every request to /api/v1 is answered: a request id; the key from `Authorization: Bearer`,
// its scope and its rate limit; the input read and checked with the operation's own schemas;
// the operation; and any problem as application/problem+json (RFC 9457). No input, however
// malformed or large, reaches the operation unchecked or ends in a 500.
import { randomUUID } from "node:crypto";
import type { ZodError, ZodTypeAny } from "zod";
import { uploadBody } from "~/features/pools/upload-body.server";
import { findApiKey } from "~/domain/api-keys/keys.server";
import { API_SCOPE_LABELS } from "~/domain/api-keys/scopes";
import { isBusy, poolStore } from "~/domain/pools/store.server";
import { ApiProblem, type AnyOperation, type ApiAnswer } from "./operation";
import { rateLimitFromEnv, TokenBuckets } from "./rate-limit";

/**
 * The largest request body read: an assignment request is well under 3 KB; the largest cart
 * the simulator takes (100 lines, a profile of 50 tags of 255 characters, 6 long codes) about 23 KB.
 */
export const BODY_LIMIT_BYTES = 32 * 1024;
/** What is read away of a larger body before answering 413, so the client sees the answer. */
const DRAINED_AT_MOST = 1024 * 1024;
const PROBLEM_TYPE = "urn:promoguard:problem:";

const buckets = new TokenBuckets();

interface RouteArgs {
  request: Request;
  params: Record<string, string | undefined>;
}

/** Answers a request to one path: the operation for its method, or 405 naming the allowed ones. */
export async function servePath(operations: AnyOperation[], { request, params }: RouteArgs): Promise<Response> {
  const requestId = requestIdOf(request);
  const instance = new URL(request.url).pathname;
  const method = request.method === "HEAD" ? "get" : request.method.toLowerCase();
  try {
    const operation = operations.find((candidate) => candidate.method === method);
    if (!operation) {
      const allowed = operations.map((candidate) => candidate.method.toUpperCase()).join(", ");
      throw new ApiProblem(405, "method-not-allowed", "Method not allowed", `${instance} answers ${allowed}, not ${request.method}.`, {
        headers: { Allow: allowed },
      });
    }
    const answer = await answerWith(operation, request, params, requestId);
    return respond(answer.status, answer.body, requestId, { ...answer.headers, "Content-Type": "application/json" });
  } catch (error) {
    return problemResponse(asProblem(error, requestId), instance, requestId);
  }
}

/** 404 for a path under /api/v1 that is no endpoint. */
export function notFound(request: Request): Response {
  const requestId = requestIdOf(request);
  const instance = new URL(request.url).pathname;
  return problemResponse(
    new ApiProblem(404, "not-found", "Not found", `There is no endpoint at ${instance}. The endpoints are listed in /api/v1/openapi.json.`),
    instance,
    requestId,
  );
}

async function answerWith(operation: AnyOperation, request: Request, rawParams: RouteArgs["params"], requestId: string): Promise<ApiAnswer> {
  const now = new Date();
  const key = await authenticate(request, now);
  if (!key.scopes.includes(operation.scope)) {
    throw new ApiProblem(
      403,
      "insufficient-scope",
      "Missing scope",
      `This API key may not ${API_SCOPE_LABELS[operation.scope].toLowerCase()}: it lacks the ${operation.scope} scope. An Owner can create a key with it in Settings → API keys.`,
      {
        requiredScope: operation.scope,
      },
    );
  }
  const admission = buckets.take(key.id, now.getTime(), rateLimitFromEnv());
  if (!admission.admitted) {
    throw new ApiProblem(
      429,
      "rate-limited",
      "Too many requests",
      `This API key sent more than ${rateLimitFromEnv().perSecond} requests a second. Retry after ${admission.retryAfterSeconds} s.`,
      {
        headers: { "Retry-After": String(admission.retryAfterSeconds) },
      },
    );
  }
  const params = operation.params ? parseParams(operation.params, rawParams) : undefined;
  const query = operation.query ? parseInput(operation.query, Object.fromEntries(new URL(request.url).searchParams), 400, "query") : undefined;
  const headers = operation.headers ? parseInput(operation.headers, headerValues(operation.headers, request), 400, "header") : undefined;
  const body = operation.body ? parseInput(operation.body, await readJson(request), 422, "body") : undefined;
  return operation.run({ key, params, query, headers, body, requestId, now });
}

async function authenticate(request: Request, now: Date) {
  const header = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const challenge = { "WWW-Authenticate": 'Bearer realm="PromoGuard API"' };
  if (!bearer) {
    throw new ApiProblem(
      401,
      "unauthenticated",
      "API key missing",
      "Send your API key as `Authorization: Bearer <key>`. An Owner creates keys in PromoGuard's Settings → API keys.",
      {
        headers: challenge,
      },
    );
  }
  const lookup = await findApiKey(poolStore(), bearer, now);
  if (lookup.ok) return lookup.key;
  const invalid = { "WWW-Authenticate": `${challenge["WWW-Authenticate"]}, error="invalid_token"` };
  const detail =
    lookup.reason === "revoked"
      ? `This API key was revoked on ${lookup.revokedAt.toISOString().slice(0, 10)}. Ask the store's Owner for a new one (Settings → API keys).`
      : lookup.reason === "uninstalled"
        ? "The store this API key belongs to has uninstalled PromoGuard."
        : "This API key is not valid. Check that it was copied whole, or ask the store's Owner for a new one (Settings → API keys).";
  throw new ApiProblem(401, lookup.reason === "revoked" ? "key-revoked" : "invalid-key", "API key refused", detail, { headers: invalid });
}

function headerValues(schema: ZodTypeAny, request: Request): Record<string, string | undefined> {
  const names = Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);
  return Object.fromEntries(names.map((name) => [name, request.headers.get(name) ?? undefined]));
}

/** A malformed id names no resource: 404, as for another shop's resource. */
function parseParams(schema: ZodTypeAny, raw: RouteArgs["params"]) {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiProblem(404, "not-found", "Not found", `There is no ${Object.keys(raw).join(", ")} "${Object.values(raw).join(", ").slice(0, 40)}" here.`);
}

function parseInput(schema: ZodTypeAny, value: unknown, status: 400 | 422, part: "query" | "header" | "body") {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error, part);
  throw new ApiProblem(
    status,
    "invalid-input",
    "Invalid input",
    `The request's ${part} is not valid: ${Object.entries(errors)
      .map(([field, message]) => `${field}: ${message}`)
      .join("; ")}`,
    { errors },
  );
}

function fieldErrors(error: ZodError, part: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : part;
    errors[field] ??= issue.message;
  }
  return errors;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** The body as JSON: of a JSON content type, at most BODY_LIMIT_BYTES, valid UTF-8 and JSON. */
async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new ApiProblem(
      415,
      "unsupported-media-type",
      "Unsupported media type",
      `Send the body as JSON with the header Content-Type: application/json${type ? ` (this request said ${type.slice(0, 60)})` : ""}.`,
    );
  }
  const tooLarge = () => new ApiProblem(413, "body-too-large", "Body too large", `The body may be at most ${BODY_LIMIT_BYTES / 1024} KB.`);
  const body = uploadBody(request, DRAINED_AT_MOST);
  if (Number(request.headers.get("content-length")) > BODY_LIMIT_BYTES) {
    await body.drain();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body.chunks) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) {
      await body.drain();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiProblem(400, "malformed-body", "Malformed body", "The body is not valid UTF-8 text.");
  }
  if (!text.trim()) throw new ApiProblem(400, "malformed-body", "Malformed body", "The body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiProblem(400, "malformed-body", "Malformed body", `The body is not valid JSON: ${(error as Error).message}.`);
  }
}

function asProblem(error: unknown, requestId: string): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (isBusy(error)) {
    return new ApiProblem(503, "busy", "Busy", "PromoGuard's database is busy. Retry in a second.", { headers: { "Retry-After": "1" } });
  }
  console.error(`API request ${requestId} failed`, error);
  return new ApiProblem(500, "internal", "Internal error", `Something went wrong on PromoGuard's side. Quote request id ${requestId} when you report it.`);
}

function problemResponse(problem: ApiProblem, instance: string, requestId: string): Response {
  const body = {
    type: `${PROBLEM_TYPE}${problem.kind}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    requestId,
    ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
    ...(problem.extra.requiredScope ? { requiredScope: problem.extra.requiredScope } : {}),
  };
  return respond(problem.status, body, requestId, { ...problem.extra.headers, "Content-Type": "application/problem+json" });
}

function respond(status: number, body: unknown, requestId: string, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "X-Request-Id": requestId, "Cache-Control": "no-store" } });
}

/** The caller's X-Request-Id when it is a sensible token, else a new one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}
