// The audit log page and its CSV: newest first, keyset pages, filters, shop time, the export
// audited and formula-safe, every role can read it, and one shop never sees another's entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import prisma from "~/db.server";
import type { Role } from "~/domain/governance/roles";
import { recordAudit } from "~/domain/governance/audit.server";
import { actionInWords, auditWhere, listAuditEntries, readAuditFilters } from "~/domain/governance/audit-log.server";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";

let app: Awaited<ReturnType<typeof startRemixApp>>;
const ROUTE = "routes/app.settings_.audit";
const page = async (query = "", as: Role = "owner", shop = TEST_SHOP) => {
  const response = await app.fetch(await adminRequest(`/app/settings/audit?${query}${query ? "&" : ""}_data=${encodeURIComponent(ROUTE)}`, {}, shop, as));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    rows: Array<{
      id: number;
      time: string;
      actorName: string;
      action: string;
      actionWords: string;
      entityLabel: string;
      entityPath: string | null;
      changes: { field: string; before: string; after: string }[];
      reason: string | null;
    }>;
    nextCursor: string | null;
    errors: Record<string, string>;
    choices: { actors: { value: string; label: string }[]; actions: { value: string }[]; entityTypes: string[] };
  };
};

let managerId: number;

beforeAll(async () => {
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
  managerId = (await testStaff("manager")).id;
  const manager = await testStaff("manager");
  // 120 entries, one per hour from 2026-10-01T00:00Z, alternating actors and actions.
  for (let index = 0; index < 120; index++) {
    await prisma.auditEntry.create({
      data: {
        shopDomain: TEST_SHOP,
        at: new Date(Date.UTC(2026, 9, 1, index)),
        actorId: index % 2 === 0 ? manager.id : null,
        actorName: index % 2 === 0 ? manager.name : "PromoGuard",
        action: index % 3 === 0 ? "campaign.publish" : "pool.rename",
        entityType: index % 3 === 0 ? "campaign" : "pool",
        entityId: String(index),
        entityLabel: `Entity ${index}`,
        diff: { name: { before: `Old ${index}`, after: `New ${index}` } },
      },
    });
  }
  await recordAudit(prisma, {
    shopDomain: TEST_SHOP,
    actor: await testStaff("owner"),
    action: "policy.update",
    entityType: "policy",
    entityId: TEST_SHOP,
    entityLabel: '=HYPERLINK("http://evil")',
    before: { maxCombinedDepthPercent: 50 },
    after: { maxCombinedDepthPercent: 40 },
    reason: "Tighter for Black Friday",
  });
  await recordAudit(prisma, {
    shopDomain: OTHER_SHOP,
    actor: null,
    action: "campaign.create",
    entityType: "campaign",
    entityId: 999,
    entityLabel: "Other shop secret",
  });
  app = await startRemixApp();
});
afterAll(async () => app.close());

describe("the audit log page", () => {
  it("lists the newest first with the diff before → after and the reason", async () => {
    const { rows } = await page();
    expect(rows).toHaveLength(50);
    expect(rows[0]).toMatchObject({
      action: "policy.update",
      actionWords: "Changed the discount policy",
      actorName: "Olivia Owner",
      entityPath: "/app/settings",
      reason: "Tighter for Black Friday",
    });
    expect(rows[0].changes).toEqual([{ field: "maxCombinedDepthPercent", before: "50", after: "40" }]);
    expect(rows[1]).toMatchObject({ entityLabel: "Entity 119", actionWords: "Renamed pool", entityPath: "/app/pools/119", actorName: "PromoGuard" });
    // Times are the shop's (America/New_York: 2026-10-05T23:00Z is 19:00 EDT).
    expect(rows[1].time).toBe("2026-10-05 19:00:00");
  });

  it("pages by keyset through every entry exactly once", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await page(cursor ? `cursor=${encodeURIComponent(cursor)}` : "");
      seen.push(...result.rows.map((row) => row.id));
      cursor = result.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(121);
    expect(new Set(seen).size).toBe(121);
  });

  it("filters by actor, action, entity type, entity search and shop-local dates", async () => {
    expect((await page(`actor=${managerId}`)).rows.every((row) => row.actorName === "Morgan Manager")).toBe(true);
    expect((await page("actor=system")).rows.every((row) => row.actorName === "PromoGuard")).toBe(true);
    const published = await page("action=campaign.publish");
    expect(published.rows).toHaveLength(40);
    expect(published.rows.every((row) => row.action === "campaign.publish")).toBe(true);
    expect((await page("entityType=pool&entity=Entity%2011")).rows.map((row) => row.entityLabel)).toEqual([
      "Entity 119",
      "Entity 118",
      "Entity 116",
      "Entity 115",
      "Entity 113",
      "Entity 112",
      "Entity 110",
      "Entity 11",
    ]);
    expect((await page("entity=42")).rows.map((row) => row.entityLabel)).toEqual(["Entity 42"]);
    // 2026-10-02 in New York is 04:00Z on the 2nd to 04:00Z on the 3rd: entries 28…51.
    const day = await page("from=2026-10-02&to=2026-10-02");
    expect(day.rows.map((row) => row.entityLabel)).toEqual(Array.from({ length: 24 }, (_, i) => `Entity ${51 - i}`));
  });

  it("explains a bad date instead of showing everything", async () => {
    const result = await page("from=yesterday&to=2026-01-01");
    expect(result.rows).toEqual([]);
    expect(result.errors.from).toMatch(/"yesterday" is not a date/);
    expect((await page("from=2026-10-03&to=2026-10-01")).errors.to).toBe("The end date is before the start date.");
  });

  it("every role can read it; another shop's entries never show, even searched for", async () => {
    for (const role of ["requester", "manager", "approver"] as Role[]) expect((await page("", role)).rows.length).toBe(50);
    expect((await page("entity=999")).rows).toEqual([]);
    expect((await page("entity=Other%20shop")).rows).toEqual([]);
    const other = await page("", "owner", OTHER_SHOP);
    expect(other.rows.map((row) => row.entityLabel)).toEqual(["Other shop secret"]);
    expect(other.choices.actions.map((action) => action.value)).toEqual(["campaign.create"]);
  });
});

describe("the page as HTML", () => {
  it("renders the entries with their diff and the filters", async () => {
    const response = await app.fetch(await adminRequest("/app/settings/audit?entityType=policy", {}, TEST_SHOP, "requester"));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Audit log");
    expect(html).toContain("Changed the discount policy");
    expect(html).toContain("maxCombinedDepthPercent");
    expect(html).toContain("Tighter for Black Friday");
    expect(html).not.toContain("Entity 119");
  });
});

describe("the CSV export", () => {
  it("streams the filtered log, escapes formulas and is itself audited", async () => {
    const before = await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP, action: "audit.export" } });
    const response = await app.fetch(await adminRequest("/app/settings/audit/export?entityType=policy", {}, TEST_SHOP, "requester"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const rows = parse(await response.text()) as string[][];
    expect(rows[0]).toEqual(["Time (shop)", "Time (UTC)", "Actor", "Action", "Action code", "Entity type", "Entity id", "Entity", "Changes", "Reason"]);
    expect(rows).toHaveLength(2);
    expect(rows[1][2]).toBe("Olivia Owner");
    expect(rows[1][7]).toBe('\'=HYPERLINK("http://evil")');
    expect(rows[1][8]).toBe("maxCombinedDepthPercent: 50 → 40");
    const exports = await prisma.auditEntry.findMany({ where: { shopDomain: TEST_SHOP, action: "audit.export" } });
    expect(exports).toHaveLength(before + 1);
    expect(exports[exports.length - 1]).toMatchObject({ actorName: "Riley Requester", entityType: "audit" });
    expect(exports[exports.length - 1].diff).toEqual({ export: { before: null, after: "Audit log (CSV)" }, entityType: { before: null, after: "policy" } });
  });

  it("exports every matching entry across batches, newest first, and none of another shop's", async () => {
    const response = await app.fetch(await adminRequest("/app/settings/audit/export", {}, TEST_SHOP));
    const rows = parse(await response.text()) as string[][];
    const total = await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP } });
    expect(rows.length - 1).toBe(total);
    expect(rows.some((row) => row.includes("Other shop secret"))).toBe(false);
    expect(rows[1][4]).toBe("audit.export");
  });

  it("refuses bad filters with the reason", async () => {
    const response = await app.fetch(await adminRequest("/app/settings/audit/export?to=31/12/2026", {}, TEST_SHOP));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/"31\/12\/2026" is not a date/);
  });
});

describe("the list query", () => {
  it("words actions it does not know yet", () => {
    expect(actionInWords("campaign.publish")).toBe("Published campaign");
    expect(actionInWords("widget.re-order")).toBe("Re order widget");
  });

  it("keyset pages stay stable with equal timestamps", async () => {
    const at = new Date("2025-01-01T00:00:00Z");
    await prisma.shop.create({ data: { domain: "ties.myshopify.com" } });
    for (let index = 0; index < 7; index++) {
      await prisma.auditEntry.create({
        data: { shopDomain: "ties.myshopify.com", at, actorName: "x", action: "a.b", entityType: "a", entityId: String(index) },
      });
    }
    const condition = auditWhere("ties.myshopify.com", readAuditFilters(new URLSearchParams()), "UTC");
    if (!condition.ok) throw new Error("filters");
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const result = await listAuditEntries(prisma, condition.where, cursor, 3);
      ids.push(...result.entries.map((entry) => entry.entityId));
      cursor = result.nextCursor;
    } while (cursor);
    expect(ids).toEqual(["6", "5", "4", "3", "2", "1", "0"]);
  });
});
