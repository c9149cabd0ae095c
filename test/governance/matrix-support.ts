// The permission matrix's vocabulary: a case names one mutating route and intent, the permission
// it needs and what an allowed call writes to the audit trail; `call` runs it as a role the way
// Remix would (the route module's own export, a signed-in admin request).
import { isPostgresDatabase } from "~/database-dialect";
import prisma from "~/db.server";
import type { Permission, Role } from "~/domain/governance/roles";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminRequest, TEST_SHOP } from "../support/shopify-app";

export type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response>;

export interface Fixture {
  params: Record<string, string>;
  /** Form fields (POST, form-encoded) or a raw body with its content type. */
  form?: Record<string, string>;
  raw?: { body: string; contentType: string };
}

export interface MatrixCase {
  name: string;
  /** The route file and the export called. */
  file: string;
  /** The `?intent=` the route reads (null: the route has a single action). */
  intent: string | null;
  handler: Handler;
  method: "POST" | "GET";
  path: (fixture: Fixture) => string;
  permission: Permission;
  /** What the allowed call writes to the audit trail, or why it writes nothing. */
  audit: string | { none: string };
  /** Builds what the call acts on, fresh for every role (which is passed: a request is withdrawn by
   * whoever made it), so each role's call has work to do. */
  setup: (role: Role) => Promise<Fixture>;
}

let counter = 0;
export const next = () => ++counter;
export const unique = (prefix: string) => `${prefix} ${next()}`;

/** Every table of the app, row by row (a new table is included without touching this file). */
export async function databaseSnapshot(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    isPostgresDatabase(prisma)
      ? `SELECT table_name::text AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name`,
  );
  const snapshot: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}" ORDER BY 1`);
    snapshot[name] = JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  }
  return snapshot;
}

/** What Shopify holds for the shop (discounts, codes, customers and their tags, metafields…),
 * without the tokens the emulator hands out to every request. */
export function shopifySnapshot(emulator: ShopifyEmulator, shop = TEST_SHOP): string {
  const { issuedTokens: _tokens, ...state } = emulator.store(shop).toSnapshot();
  return JSON.stringify(state);
}

export async function call(matrixCase: MatrixCase, fixture: Fixture, role: Role, shop = TEST_SHOP): Promise<Response> {
  const init: RequestInit = { method: matrixCase.method };
  if (fixture.form) init.body = new URLSearchParams(fixture.form);
  if (fixture.raw) {
    init.body = fixture.raw.body;
    init.headers = { "Content-Type": fixture.raw.contentType };
  }
  const request = await adminRequest(matrixCase.path(fixture), init, shop, role);
  try {
    return await matrixCase.handler({ request, params: fixture.params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** `path?intent=…` as the page's buttons post it. */
export const withIntent = (path: string, intent: string | null) => (intent ? `${path}?intent=${intent}` : path);

/** A maker of one route's cases, for a route whose intent travels in the URL (`path?intent=…`). */
export function routeCases(file: string, handler: Handler, path: (fixture: Fixture) => string) {
  return (intent: string, name: string, permission: Permission, audit: MatrixCase["audit"], setup: MatrixCase["setup"]): MatrixCase => ({
    name,
    file,
    intent,
    handler,
    method: "POST",
    path: (fixture) => withIntent(path(fixture), intent),
    permission,
    audit,
    setup,
  });
}
