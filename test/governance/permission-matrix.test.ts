// Every mutating route × every role, called directly (not through the UI): the roles with the
// permission succeed and leave an audit entry; the others get 403 naming the permission, and the
// database and Shopify are exactly as they were. A route or intent that changes data but is
// missing here fails the suite.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { prepareCampaignsOnInstall } from "~/domain/campaigns/install.server";
import { can, ROLES } from "~/domain/governance/roles";
import { createImport } from "~/domain/pools/imports.server";
import { poolStore } from "~/domain/pools/store.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { INTENT_PERMISSIONS as CAMPAIGN_PAGE_INTENTS } from "~/features/campaigns/campaign-actions.server";
import { LIST_INTENTS as PLAYBOOKS_INTENTS, PLAYBOOK_INTENTS } from "~/features/agency/agency-actions.server";
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
const CASES: MatrixCase[] = [...POOL_CASES, ...API_KEY_CASES, ...campaignCases(() => emulator), ...fraudCases(() => emulator), ...AUTOMATION_CASES, ...AGENCY_CASES];
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
    await call(caseNamed("revoke an assignment"), { params: { id: String(pool.id) }, form: { intent: "revoke", assignmentId: String(assignment.id) } }, "manager");
    const entries = await prisma.auditEntry.findMany({ where: { shopDomain: TEST_SHOP, action: { in: ["coupon.assign", "coupon.revoke"] } }, orderBy: { id: "desc" }, take: 2 });
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
    await call(caseNamed("upload an import's file"), { params: { id: String(pool.id), importId: String(summary.id) }, raw: { body: `code\nR${n}A\nR${n}A\nbad code\n`, contentType: "text/csv" } }, "owner");
    const result = await prisma.auditEntry.findFirstOrThrow({ where: { action: "pool.import", entityId: String(pool.id) }, orderBy: { id: "desc" } });
    expect(result.diff).toMatchObject({ imported: { after: 1 }, duplicates: { after: 1 }, invalid: { after: 1 } });
  });
});

describe("the matrix's coverage", () => {
  const routesDir = path.resolve("app/routes");
  const source = (file: string) => readFileSync(path.resolve(file), "utf8");

  it("covers every route that exports an action", () => {
    const withActions = readdirSync(routesDir)
      .filter((file) => /\.tsx?$/.test(file) && !NOT_STAFF_ROUTES.test(file))
      .filter((file) => /export\s+(const|async\s+function|function)\s+action\b/.test(source(`app/routes/${file}`)));
    const covered = new Set(CASES.map((c) => c.file));
    expect(withActions.filter((file) => !covered.has(file))).toEqual([]);
    // Every route the matrix names exists (a renamed route must be renamed here too).
    for (const file of covered) expect(readdirSync(routesDir)).toContain(file);
  });

  /** The intents a route accepts, read from where its source declares them: an intent map, the
   * list the new-campaign page allows, or the form's `intent === "…"` branches. */
  function declaredIntents(file: string): string[] {
    if (file === "app.campaigns.$id.tsx") return Object.keys(CAMPAIGN_PAGE_INTENTS);
    if (file === "app.playbooks._index.tsx") return Object.keys(PLAYBOOKS_INTENTS);
    if (file === "app.playbooks.$id.tsx") return Object.keys(PLAYBOOK_INTENTS);
    if (file === "app.campaigns.new.tsx") {
      const list = /newCampaignAction[\s\S]*?authorizeIntent\(request, \[([^\]]*)\]/.exec(source("app/features/campaigns/campaign-actions.server.ts"))![1];
      return [...list.matchAll(/"(\w+)"/g)].map((match) => match[1]);
    }
    const text = source(file === "app.approvals.tsx" ? "app/features/governance/approvals.server.ts" : `app/routes/${file}`);
    const found = new Set<string>();
    const map = /const INTENT\w*(?::[^=]*)?\s*=\s*\{([^}]*)\}/.exec(text);
    if (map) for (const match of map[1].matchAll(/(\w+):\s*"/g)) found.add(match[1]);
    for (const match of text.matchAll(/intent [!=]== "(\w+)"/g)) found.add(match[1]);
    return [...found];
  }

  it("covers every intent of every route", () => {
    const files = [...new Set(CASES.map((c) => c.file))];
    const missing = files.flatMap((file) => {
      const covered = new Set(CASES.filter((c) => c.file === file && c.intent).map((c) => c.intent));
      return declaredIntents(file).filter((intent) => !covered.has(intent)).map((intent) => `${file} intent=${intent}`);
    });
    expect(missing).toEqual([]);
    // The reading above finds the intents it should (it would otherwise pass by finding none).
    expect(declaredIntents("app.analytics.fraud.tsx").sort()).toEqual(["block", "dismiss", "refresh", "revoke", "settings", "unblock"]);
    expect(declaredIntents("app.pools.$id.tsx").sort()).toEqual(["addCoupon", "alerts", "rename"]);
    expect(declaredIntents("app.campaigns.new.tsx").sort()).toEqual(["publish", "save", "submit"]);
    expect(declaredIntents("app.campaigns.post-purchase._index.tsx").sort()).toEqual(["delete", "pause", "resume"]);
    expect(declaredIntents("app.playbooks.$id.tsx").sort()).toEqual(["apply", "importVersion", "preview", "variables"]);
    expect(declaredIntents("app.settings_.staff.tsx").sort()).toEqual(["access", "role"]);
  });
});
