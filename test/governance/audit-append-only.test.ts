// The audit log is append-only: the database refuses to change or delete an entry, no code in
// the app tries to, and no request to the audit pages can. Only shop/redact (the shop's data
// erased on Shopify's demand) removes a shop's entries, with the shop itself.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { deleteShopData } from "~/domain/privacy.server";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";
import type { Role } from "~/domain/governance/roles";

const REDACTED_SHOP = "redacted-shop.myshopify.com";

async function entry(shopDomain: string, label = "Spring sale") {
  return recordAudit(prisma, {
    shopDomain,
    actor: null,
    action: "campaign.update",
    entityType: "campaign",
    entityId: 1,
    entityLabel: label,
    before: { name: "Old" },
    after: { name: "New" },
  });
}

const snapshot = async () => prisma.auditEntry.findMany({ orderBy: { id: "asc" } });

describe("the database refuses to rewrite history", () => {
  beforeAll(async () => {
    await prisma.shop.create({ data: { domain: REDACTED_SHOP } });
    await prisma.shop.create({ data: { domain: "db-shop.myshopify.com" } });
  });

  it("refuses update, updateMany, delete, deleteMany and upsert of an existing entry through Prisma", async () => {
    const created = await entry("db-shop.myshopify.com");
    const before = await snapshot();
    await expect(prisma.auditEntry.update({ where: { id: created.id }, data: { actorName: "Someone else" } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEntry.updateMany({ where: { shopDomain: "db-shop.myshopify.com" }, data: { diff: {} } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEntry.delete({ where: { id: created.id } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEntry.deleteMany({ where: { shopDomain: "db-shop.myshopify.com" } })).rejects.toThrow(/append-only/);
    await expect(
      prisma.auditEntry.upsert({
        where: { id: created.id },
        create: { shopDomain: "db-shop.myshopify.com", actorName: "x", action: "x", entityType: "x", entityId: "x" },
        update: { reason: "rewritten" },
      }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "reason" = 'x' WHERE "id" = ${created.id}`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${created.id}`)).rejects.toThrow(/append-only/);
    expect(await snapshot()).toEqual(before);
  });

  it("still erases a shop's entries, and only that shop's, on shop/redact", async () => {
    await entry(REDACTED_SHOP);
    await entry(REDACTED_SHOP);
    const kept = await prisma.auditEntry.count({ where: { shopDomain: "db-shop.myshopify.com" } });
    expect(kept).toBeGreaterThan(0);
    await deleteShopData(prisma, REDACTED_SHOP);
    expect(await prisma.auditEntry.count({ where: { shopDomain: REDACTED_SHOP } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { shopDomain: "db-shop.myshopify.com" } })).toBe(kept);
  });
});

describe("no code in the app changes or deletes an audit entry", () => {
  const root = path.resolve(__dirname, "../../app");
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) files.push(full);
    }
  };
  walk(root);

  // auditEntry.update(…), .updateMany, .delete, .deleteMany, .upsert — however it is spaced or chained.
  const PRISMA_WRITE = /auditEntry\s*\??\.\s*(update|updateMany|delete|deleteMany|upsert)\b/;
  // UPDATE "AuditEntry" / DELETE FROM "AuditEntry" in raw SQL, quoted or not.
  const RAW_SQL = /\b(UPDATE|DELETE\s+FROM)\s+["'`]?AuditEntry\b/i;

  it("finds the app's sources (the check is not vacuous)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((file) => file.endsWith(path.join("governance", "audit.server.ts")))).toBe(true);
  });

  it("has no Prisma update/delete/upsert on auditEntry and no raw UPDATE/DELETE on AuditEntry", () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return text
        .split("\n")
        .flatMap((line, index) => (PRISMA_WRITE.test(line) || RAW_SQL.test(line) ? [`${path.relative(root, file)}:${index + 1}: ${line.trim()}`] : []));
    });
    expect(offenders).toEqual([]);
  });

  it("the patterns catch what they are meant to catch", () => {
    expect(PRISMA_WRITE.test("await db.auditEntry.deleteMany({ where })")).toBe(true);
    expect(PRISMA_WRITE.test("tx.auditEntry . update({")).toBe(true);
    expect(PRISMA_WRITE.test("db.auditEntry.create({")).toBe(false);
    expect(RAW_SQL.test('DELETE FROM "AuditEntry" WHERE id = 1')).toBe(true);
    expect(RAW_SQL.test("update AuditEntry set x = 1")).toBe(true);
    expect(RAW_SQL.test('SELECT * FROM "AuditEntry"')).toBe(false);
  });
});

describe("requests to the audit pages change nothing", () => {
  let app: Awaited<ReturnType<typeof startRemixApp>>;
  beforeAll(async () => {
    await installShop(TEST_SHOP);
    await installShop(OTHER_SHOP);
    await entry(TEST_SHOP, "Winter sale");
    await recordAudit(prisma, {
      shopDomain: TEST_SHOP,
      actor: await testStaff("manager"),
      action: "pool.rename",
      entityType: "pool",
      entityId: 3,
      entityLabel: "VIP",
      before: { name: "A" },
      after: { name: "VIP" },
    });
    app = await startRemixApp();
  });
  afterAll(async () => app.close());

  const INTENTS = ["update", "delete", "redact", "import", ""];
  const PATHS = ["/app/settings/audit", "/app/settings/audit?index", "/app/settings/audit/export"];

  it.each(["owner", "approver", "manager", "requester"] as Role[])(
    "POST/DELETE as %s, with any intent, is refused and leaves every entry as it was",
    async (role) => {
      const before = await snapshot();
      expect(before.filter((row) => row.shopDomain === TEST_SHOP).length).toBeGreaterThanOrEqual(2);
      for (const target of PATHS) {
        for (const intent of INTENTS) {
          const fields = { intent, id: String(before[0].id), entryId: String(before[0].id), actorName: "Mallory", diff: "{}", reason: "rewritten" };
          for (const routeData of ["", "routes/app.settings_.audit", "routes/app.settings_.audit.export"]) {
            const url = routeData ? `${target}${target.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeData)}` : target;
            for (const method of ["POST", "DELETE"]) {
              const response = await app.fetch(await adminRequest(url, { method, body: new URLSearchParams(fields) }, TEST_SHOP, role));
              expect(response.status, `${method} ${url} intent=${intent}`).toBeGreaterThanOrEqual(400);
            }
          }
        }
      }
      expect(await snapshot()).toEqual(before);
    },
  );
});
