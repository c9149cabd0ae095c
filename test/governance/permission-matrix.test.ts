// Every mutating route × every role, called directly (not through the UI): the roles with the
// permission succeed and leave an audit entry; the others get 403 naming the permission, and the
// database and Shopify are exactly as they were. A route or intent that changes data but is
// missing here fails the suite.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { prepareCampaignsOnInstall } from "~/domain/campaigns/install.server";
import { can, ROLES, type Permission } from "~/domain/governance/roles";
import { settleAlertRefreshes } from "~/domain/pools/alerts.server";
import { createImport } from "~/domain/pools/imports.server";
import { poolStore } from "~/domain/pools/store.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminFor, startShopify } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { AUTOMATION_CASES } from "./matrix-automation";
import { API_KEY_CASES } from "./matrix-api-keys";
import { campaignCases } from "./matrix-campaigns";
import { fraudCases } from "./matrix-fraud";
import { AGENCY_CASES } from "./matrix-agency";
import { POOL_CASES, poolWithCodes } from "./matrix-pools";
import { call, databaseSnapshot, next, shopifySnapshot, type MatrixCase } from "./matrix-support";

/** Routes whose actions are not staff requests: Shopify's signed webhooks, the auth handshake,
 * Shopify Flow's signed action requests (test/automation/flow-action.test.ts) and the public API
 * (authenticated by API key; test/api/api-matrix.test.ts is its matrix). */
const NOT_STAFF_ROUTES = /^(webhooks\.|auth\.|flow\.|api\.)/;

let emulator: ShopifyEmulator;
let stop: () => void;
const CASES: MatrixCase[] = [
  ...POOL_CASES,
  ...API_KEY_CASES,
  ...campaignCases(() => emulator),
  ...fraudCases(() => emulator),
  ...AUTOMATION_CASES,
  ...AGENCY_CASES,
];
const caseNamed = (name: string) => CASES.find((matrixCase) => matrixCase.name === name)!;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  for (const shop of [TEST_SHOP, OTHER_SHOP]) await prepareCampaignsOnInstall(prisma, await adminFor(shop), shop);
});
afterAll(() => stop());

describe("the permission matrix", () => {
  for (const matrixCase of CASES) {
    const intent = matrixCase.intent ? ` intent=${matrixCase.intent}` : "";
    describe(`${matrixCase.name} (${matrixCase.method} ${matrixCase.file}${intent}, ${matrixCase.permission})`, () => {
      for (const role of ROLES) {
        const allowed = can(role, matrixCase.permission);
        it(`${allowed ? "lets" : "refuses"} ${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`, async () => {
          const fixture = await matrixCase.setup(role);
          // An earlier case's assignments may still have their pool's alerts re-evaluated.
          await settleAlertRefreshes(poolStore());
          const before = await databaseSnapshot();
          const shopifyBefore = shopifySnapshot(emulator);
          const audit = typeof matrixCase.audit === "string" ? matrixCase.audit : null;
          const auditsBefore = audit ? await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP, action: audit } }) : 0;
          const response = await call(matrixCase, fixture, role);
          if (allowed) {
            // Success, or the redirect to what was made (a new campaign's page).
            expect(response.status, await response.clone().text()).toBeLessThan(400);
            const body = await response.text(); // a streamed export finishes before the next case
            if (response.headers.get("Content-Type")?.includes("json")) expect(JSON.parse(body)).not.toMatchObject({ ok: false });
            if (audit) {
              const audits = await prisma.auditEntry.findMany({ where: { shopDomain: TEST_SHOP, action: audit }, orderBy: { id: "desc" } });
              expect(audits.length).toBe(auditsBefore + 1);
              expect(audits[0].actorName).not.toBe("PromoGuard");
            }
          } else {
            expect(response.status).toBe(403);
            const body = (await response.json()) as { error: string; permission: string };
            expect(body.permission).toBe(matrixCase.permission);
            expect(body.error).toMatch(/^Your role is /);
            expect(await databaseSnapshot()).toEqual(before);
            expect(shopifySnapshot(emulator)).toBe(shopifyBefore);
          }
        });
      }
    });
  }
});

describe("what the pool routes write to the audit trail", () => {
  it("names an assigned or revoked customer only by a keyed hash of the email", async () => {
    const pool = await poolWithCodes();
    const email = `Private.Person${next()}@Example.com`;
    const assigned = await call(caseNamed("assign a code by hand"), { params: { id: String(pool.id) }, form: { intent: "assign", email } }, "manager");
    expect(assigned.status).toBe(201);
    const { assignment } = (await assigned.json()) as { assignment: { id: number } };
    await call(
      caseNamed("revoke an assignment"),
      { params: { id: String(pool.id) }, form: { intent: "revoke", assignmentId: String(assignment.id) } },
      "manager",
    );
    const entries = await prisma.auditEntry.findMany({
      where: { shopDomain: TEST_SHOP, action: { in: ["coupon.assign", "coupon.revoke"] } },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(entries.map((entry) => entry.action).sort()).toEqual(["coupon.assign", "coupon.revoke"]);
    for (const entry of entries) {
      expect(JSON.stringify(entry.diff).toLowerCase()).not.toContain(email.toLowerCase());
      expect(JSON.stringify(entry.diff)).toContain(redactedEmail(TEST_SHOP, email));
      expect(entry.actorName).toBe("Morgan Manager");
    }
  });

  it("records a rename with the name before and after, and an import's result counts", async () => {
    const pool = await poolWithCodes();
    await call(caseNamed("rename a pool"), { params: { id: String(pool.id) }, form: { intent: "rename", name: `${pool.name} (spring)` } }, "owner");
    const rename = await prisma.auditEntry.findFirstOrThrow({ where: { action: "pool.rename", entityId: String(pool.id) } });
    expect(rename.diff).toEqual({ name: { before: pool.name, after: `${pool.name} (spring)` } });

    const summary = await createImport(poolStore(), pool, { source: "csv", fileName: "codes.csv", totalBytes: null });
    const n = next();
    await call(
      caseNamed("upload an import's file"),
      { params: { id: String(pool.id), importId: String(summary.id) }, raw: { body: `code\nR${n}A\nR${n}A\nbad code\n`, contentType: "text/csv" } },
      "owner",
    );
    const result = await prisma.auditEntry.findFirstOrThrow({ where: { action: "pool.import", entityId: String(pool.id) }, orderBy: { id: "desc" } });
    expect(result.diff).toMatchObject({ imported: { after: 1 }, duplicates: { after: 1 }, invalid: { after: 1 } });
  });
});

describe("the matrix's coverage", () => {
  const routesDir = path.resolve("app/routes");
  const routeFiles = readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file));

  /** Each route module's action, as Remix calls it. */
  async function actions(): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const file of routeFiles) {
      const module = (await import(path.join(routesDir, file))) as { action?: unknown };
      if (module.action !== undefined) found.set(file, module.action);
    }
    return found;
  }

  /** A staff route's intent table (defineActions, app/features/intents.server.ts): intent → permission. */
  const intentsOf = (action: unknown): Record<string, Permission> | null =>
    typeof action === "function" && "intents" in action ? (action.intents as Record<string, Permission>) : null;

  it("covers every route that exports an action, each declared as an intent table", async () => {
    const staffActions = [...(await actions())].filter(([file]) => !NOT_STAFF_ROUTES.test(file));
    expect(staffActions.length).toBeGreaterThan(15);
    // Every staff action reads its intent, checks its permission and answers refusals the one way.
    expect(staffActions.filter(([, action]) => !intentsOf(action)).map(([file]) => file)).toEqual([]);
    const covered = new Set(CASES.map((c) => c.file));
    expect(staffActions.map(([file]) => file).filter((file) => !covered.has(file))).toEqual([]);
    // Every route the matrix names exists (a renamed route must be renamed here too).
    for (const file of covered) expect(routeFiles).toContain(file);
  });

  it("covers every intent of every route, with the permission its table declares", async () => {
    const tables = [...(await actions())].flatMap(([file, action]) => {
      const intents = intentsOf(action);
      return intents ? [[file, intents] as const] : [];
    });
    const missing = tables.flatMap(([file, intents]) => {
      const names = Object.keys(intents);
      return names
        .filter((name) => {
          const cases = CASES.filter((c) => c.file === file && (c.intent === name || (c.intent === null && names.length === 1)));
          // The case checks the permission the table declares (a changed permission must be changed here too).
          for (const matrixCase of cases) expect(matrixCase.permission, `${file} intent=${name}`).toBe(intents[name]);
          return cases.length === 0;
        })
        .map((name) => `${file} intent=${name}`);
    });
    expect(missing).toEqual([]);
    // The tables are read (the test would otherwise pass by finding none).
    const table = (file: string) => Object.keys(tables.find(([name]) => name === file)?.[1] ?? {}).sort();
    expect(table("app.analytics.fraud.tsx")).toEqual(["block", "dismiss", "refresh", "revoke", "settings", "unblock"]);
    expect(table("app.pools.$id.tsx")).toEqual(["addCoupon", "alerts", "rename"]);
    expect(table("app.campaigns.new.tsx")).toEqual(["publish", "save", "submit"]);
    expect(table("app.campaigns.post-purchase._index.tsx")).toEqual(["delete", "pause", "resume"]);
    expect(table("app.playbooks.$id.tsx")).toEqual(["apply", "importVersion", "preview", "variables"]);
    expect(table("app.settings_.staff.tsx")).toEqual(["access", "role"]);
  });
});
