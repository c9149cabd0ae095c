// The public API's own router: a path under /api/v1 to the operations declared for it. The
// production server (server.mjs) answers the API through it, ahead of the admin's page stack
// (compression, static files, the request log, Remix's route matching), which cost more than an
// assignment itself (bench:api). Under Vite (npm run dev, the demo, tests) the api.v1.* routes
// answer the same paths with the same operations, through the same servePath.
import { OPERATIONS } from "./operations.server";
import { servePath } from "./serve.server";
import type { AnyOperation } from "./operation";

const API_PREFIX = "/api/v1";

interface ApiPath {
  pattern: RegExp;
  names: string[];
  operations: AnyOperation[];
}

const PATHS: ApiPath[] = [...new Set(OPERATIONS.map((operation) => operation.path))].map((template) => {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { pattern: new RegExp(`^${API_PREFIX}${source}/?$`), names, operations: OPERATIONS.filter((operation) => operation.path === template) };
});

/** The operations' answer for a request to one of their paths; null for any other path (the app answers it). */
export function answerApiRequest(request: Request): Promise<Response> | null {
  const pathname = new URL(request.url).pathname;
  for (const { pattern, names, operations } of PATHS) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, index) => [name, safeDecode(match[index + 1])]));
    return servePath(operations, { request, params });
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
