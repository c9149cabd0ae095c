// The OpenAPI 3.1 document of /api/v1, generated from the operations' own declarations and zod
// schemas (the ones that validate requests), so it cannot drift from what the API accepts.
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES } from "~/domain/api-keys/scopes";
import type { AnyOperation } from "./operation";
import { OPERATIONS } from "./operations.server";
import { rateLimitFromEnv } from "./rate-limit";
import { Problem } from "./schemas";
import { BODY_LIMIT_BYTES } from "./serve.server";

const SECURITY_SCHEME = "apiKey";
const REQUEST_ID = { "X-Request-Id": { description: "The request's id (yours, when you sent a sensible X-Request-Id)", schema: { type: "string" as const } } };

const problem = (description: string, headers: Record<string, { description: string; schema: { type: "string" } }> = {}): ResponseConfig => ({
  description,
  headers: { ...REQUEST_ID, ...headers },
  content: { "application/problem+json": { schema: Problem } },
});

/** The problems every operation may answer, by what it takes as input. */
function commonProblems(operation: AnyOperation): Record<number, ResponseConfig> {
  const problems: Record<number, ResponseConfig> = {
    401: problem("No API key, or one that is not valid, was revoked, or belongs to a store that uninstalled PromoGuard", {
      "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } },
    }),
    403: problem(`The key lacks the ${operation.scope} scope`),
    429: problem(`More than the key's rate limit (${rateLimitFromEnv().perSecond} requests a second per key by default)`, {
      "Retry-After": { description: "Seconds to wait", schema: { type: "string" } },
    }),
    503: problem("The database is busy; retry after the Retry-After seconds", {
      "Retry-After": { description: "Seconds to wait", schema: { type: "string" } },
    }),
  };
  if (operation.query || operation.headers || operation.body) problems[400] = problem("Invalid query or header, or a body that is not JSON");
  if (operation.body) {
    problems[413] = problem(`A body larger than ${BODY_LIMIT_BYTES / 1024} KB`);
    problems[415] = problem("A body that is not sent as application/json");
    problems[422] = problem("A body that is JSON but not a valid request (errors names each wrong field)");
  }
  return problems;
}

function register(registry: OpenAPIRegistry, operation: AnyOperation) {
  const responses: Record<number, ResponseConfig> = { ...commonProblems(operation) };
  // An operation may describe a common problem more precisely (its headers stay documented).
  for (const { status, description } of operation.problems)
    responses[status] = responses[status] ? { ...responses[status], description } : problem(description);
  for (const [status, answer] of Object.entries(operation.answers)) {
    const headers = Object.fromEntries(
      Object.entries(answer.headers ?? {}).map(([name, value]) => [name, { description: `Set to ${value}`, schema: { type: "string" as const } }]),
    );
    responses[Number(status)] = {
      description: answer.description,
      headers: { ...REQUEST_ID, ...headers },
      content: { "application/json": { schema: answer.schema } },
    };
  }
  registry.registerPath({
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    summary: operation.summary,
    description: operation.description,
    // OpenAPI 3.1 lets a non-OAuth scheme list the roles an operation needs: the key's scope.
    security: [{ [SECURITY_SCHEME]: [operation.scope] }],
    ...(operation.mutating ? { "x-audited": true } : {}),
    request: {
      ...(operation.params ? { params: operation.params } : {}),
      ...(operation.query ? { query: operation.query } : {}),
      ...(operation.headers ? { headers: operation.headers } : {}),
      ...(operation.body ? { body: { required: true, content: { "application/json": { schema: operation.body } } } } : {}),
    },
    responses,
  });
}

let document: ReturnType<OpenApiGeneratorV31["generateDocument"]> | null = null;

export function openApiDocument() {
  if (document) return document;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", SECURITY_SCHEME, {
    type: "http",
    scheme: "bearer",
    description: `An API key from PromoGuard's Settings → API keys (Owner only), as \`Authorization: Bearer pgk_…\`. Scopes: ${API_SCOPES.map((scope) => `${scope} (${API_SCOPE_DESCRIPTIONS[scope]})`).join("; ")}`,
  });
  for (const operation of OPERATIONS) register(registry, operation);
  document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "PromoGuard API",
      version: "1.0.0",
      description:
        "Assign a store's coupon codes from other tools, read its pools, campaigns and redemptions, and check carts against its discounts. Errors are application/problem+json (RFC 9457) with a requestId. Each key is limited per process to a number of requests a second (429 with Retry-After beyond it).",
    },
    servers: [{ url: "/api/v1", description: "This PromoGuard installation" }],
  });
  return document;
}
