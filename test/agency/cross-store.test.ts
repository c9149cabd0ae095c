// Crafted requests against the playbook routes: a request is signed for ONE store by one Shopify
// user; whatever it names — another store, another agency's playbook — is reached only when that
// same user is staff there now with a role that may. Otherwise it gets 404 (or 403 naming their
// role there) and nothing changes anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createPlaybook } from "~/domain/agency/playbooks.server";
import { membershipOf } from "~/domain/agency/agencies.server";
import { UNKNOWN_STORE } from "~/domain/agency/stores.server";
import { parsePlaybookFile } from "~/domain/agency/playbook-document";
import { ACCESS_REMOVED } from "~/features/access.server";
import * as playbookRoute from "~/routes/app.playbooks.$id";
import { NO_AGENCY } from "~/features/agency/agency-route.server";
import * as exportRoute from "~/routes/app.playbooks.$id.export";
import * as staffRoute from "~/routes/app.settings_.staff";
import { databaseSnapshot, shopifySnapshot } from "../governance/matrix-support";
import { playbookDocument } from "../governance/matrix-agency";
import { OTHER_SHOP, TEST_SHOP, adminRequest, testStaff } from "../support/shopify-app";
import type { ShopifyEmulator } from "../../dev/emulator";
import { startRemixApp } from "../support/remix-server";
import { EURO_SHOP, outsider, requestAs, startAgencyShops } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;
const JONAS = 77_001;
const RIVAL = 77_002;
let jonasPlaybook: number;
let rivalPlaybook: number;

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response>;

async function call(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const post = (userId: number, shop: string, path: string, form: Record<string, string> = {}) =>
  requestAs(userId, shop, path, { method: "POST", body: new URLSearchParams(form) });

async function agencyWith(name: string, userId: number) {
  const agency = await prisma.agency.create({ data: { name } });
  await prisma.agencyMember.create({ data: { agencyId: agency.id, userId: String(userId), name, email: `${userId}@agency.example`, admin: true } });
  const created = await createPlaybook(prisma, (await membershipOf(prisma, String(userId)))!, playbookDocument(`${name} playbook`), "imported", null);
  return created.playbook.id;
}

beforeAll(async () => {
  ({ emulator, stop } = await startAgencyShops());
  // Jonas works for Lumen: Manager in the test shop and in Nordlys Home, Requester in the other shop.
  await outsider(JONAS, "Jonas Berg", { [TEST_SHOP]: "manager", [EURO_SHOP]: "manager", [OTHER_SHOP]: "requester" });
  // A rival agency's person works only in the other shop.
  await outsider(RIVAL, "Rita Rival", { [OTHER_SHOP]: "manager" });
  jonasPlaybook = await agencyWith("Lumen", JONAS);
  rivalPlaybook = await agencyWith("Rival", RIVAL);
});
afterAll(() => stop());

async function unchanged(run: () => Promise<void>) {
  const database = await databaseSnapshot();
  const shops = [TEST_SHOP, OTHER_SHOP, EURO_SHOP].map((shop) => shopifySnapshot(emulator, shop));
  await run();
  expect(await databaseSnapshot()).toEqual(database);
  expect([TEST_SHOP, OTHER_SHOP, EURO_SHOP].map((shop) => shopifySnapshot(emulator, shop))).toEqual(shops);
}

describe("the playbook file", () => {
  it("exports a version to the agency's member, and the file imports back as the next version", async () => {
    const id = String(jonasPlaybook);
    const response = await call(exportRoute.loader as Handler, await requestAs(JONAS, TEST_SHOP, `/app/playbooks/${id}/export?version=1`), { id });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="lumen-playbook-v1.json"');
    const file = await response.text();
    expect(parsePlaybookFile(file)).toMatchObject({ ok: true, document: { name: "Lumen playbook" } });
    const imported = await call(playbookRoute.action as Handler, await post(JONAS, TEST_SHOP, `/app/playbooks/${id}?intent=importVersion`, { file }), { id });
    expect(await imported.json()).toMatchObject({ ok: true, done: "Imported as version 2" });
    const missing = await call(exportRoute.loader as Handler, await requestAs(JONAS, TEST_SHOP, `/app/playbooks/${id}/export?version=9`), { id });
    expect([missing.status, await missing.text()]).toEqual([404, "This playbook has no version 9."]);
  });
});

describe("applying to another store", () => {
  it("reaches a store where the same Shopify user is Manager, from another store's admin", async () => {
    const response = await call(
      playbookRoute.action as Handler,
      await post(JONAS, TEST_SHOP, `/app/playbooks/${jonasPlaybook}?intent=apply&store=${EURO_SHOP}`, { "amount.spring.minimum": "75" }),
      { id: String(jonasPlaybook) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; report: { store: { name: string }; campaigns: { outcome: string }[] } };
    expect(body.report.store.name).toBe("Nordlys Home");
    expect(body.report.campaigns.map((entry) => entry.outcome)).toEqual(["created"]);
    const draft = await prisma.campaign.findFirstOrThrow({ where: { shopDomain: EURO_SHOP, playbookId: jonasPlaybook } });
    expect(JSON.parse(draft.config).minimumSubtotal).toBe("75.00");
    const jonasThere = await prisma.staffMember.findUniqueOrThrow({ where: { shopDomain_userId: { shopDomain: EURO_SHOP, userId: String(JONAS) } } });
    expect(draft.createdById).toBe(jonasThere.id);
  });

  it("refuses a store where that user's role may not apply, naming the role there", async () => {
    await unchanged(async () => {
      const response = await call(
        playbookRoute.action as Handler,
        await post(JONAS, TEST_SHOP, `/app/playbooks/${jonasPlaybook}?intent=apply&store=${OTHER_SHOP}`),
        { id: String(jonasPlaybook) },
      );
      expect(response.status).toBe(403);
      const body = (await response.json()) as { error: string; permission: string };
      expect(body.permission).toBe("playbook.apply");
      expect(body.error).toBe("Your role is Requester in other-shop. Only Manager, Approver or Owner can do this; ask the store's Owner to change your role.");
    });
  });

  it("answers a store the user is not staff in, or that does not exist, exactly alike: 404, nothing read or written", async () => {
    await unchanged(async () => {
      for (const store of ["victim.myshopify.com", encodeURIComponent("' OR 1=1 --"), ""]) {
        const response = await call(
          playbookRoute.action as Handler,
          await post(RIVAL, OTHER_SHOP, `/app/playbooks/${rivalPlaybook}?intent=preview&store=${store}`),
          { id: String(rivalPlaybook) },
        );
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ ok: false, errors: { store: UNKNOWN_STORE } });
      }
      // The rival manages the other shop, but is nobody in the test shop or Nordlys Home.
      for (const store of [TEST_SHOP, EURO_SHOP]) {
        const response = await call(
          playbookRoute.action as Handler,
          await post(RIVAL, OTHER_SHOP, `/app/playbooks/${rivalPlaybook}?intent=apply&store=${store}`),
          { id: String(rivalPlaybook) },
        );
        expect(response.status).toBe(404);
      }
    });
  });

  it("never opens, exports, edits or applies another agency's playbook", async () => {
    await unchanged(async () => {
      const id = String(jonasPlaybook);
      expect((await call(playbookRoute.loader as Handler, await requestAs(RIVAL, OTHER_SHOP, `/app/playbooks/${id}`), { id })).status).toBe(404);
      expect((await call(exportRoute.loader as Handler, await requestAs(RIVAL, OTHER_SHOP, `/app/playbooks/${id}/export`), { id })).status).toBe(404);
      expect(
        (
          await call(
            playbookRoute.action as Handler,
            await post(RIVAL, OTHER_SHOP, `/app/playbooks/${id}?intent=variables`, { version: "1", "var.spring.minimum.value": "1" }),
            { id },
          )
        ).status,
      ).toBe(404);
      expect(
        (await call(playbookRoute.action as Handler, await post(RIVAL, OTHER_SHOP, `/app/playbooks/${id}?intent=apply&store=${OTHER_SHOP}`), { id })).status,
      ).toBe(404);
      // Someone in no agency at all: the store's own staff.
      const ownerOfTest = await requestAs(Number((await testStaff("owner")).userId), TEST_SHOP, `/app/playbooks/${id}`);
      const page = await call(playbookRoute.loader as Handler, ownerOfTest, { id });
      expect(page.status).toBe(404);
      expect(await page.json()).toEqual({ missing: NO_AGENCY, page: null });
    });
  });

  it("stops at once when the store's Owner removes the user's access: no apply there, no page there", async () => {
    const removed = await call(
      staffRoute.action as Handler,
      await adminRequest(
        "/app/settings/staff?intent=access",
        {
          method: "POST",
          body: new URLSearchParams({
            staffId: String(
              (await prisma.staffMember.findUniqueOrThrow({ where: { shopDomain_userId: { shopDomain: EURO_SHOP, userId: String(JONAS) } } })).id,
            ),
            removed: "true",
          }),
        },
        EURO_SHOP,
        "owner",
      ),
    );
    expect(removed.status).toBe(200);
    await unchanged(async () => {
      const response = await call(
        playbookRoute.action as Handler,
        await post(JONAS, TEST_SHOP, `/app/playbooks/${jonasPlaybook}?intent=apply&store=${EURO_SHOP}`, { "amount.spring.minimum": "75" }),
        { id: String(jonasPlaybook) },
      );
      expect(response.status).toBe(404);
      const there = await call(playbookRoute.loader as Handler, await requestAs(JONAS, EURO_SHOP, `/app/playbooks/${jonasPlaybook}`), {
        id: String(jonasPlaybook),
      });
      expect(there.status).toBe(403);
      expect(((await there.json()) as { error: string }).error).toBe(ACCESS_REMOVED);
    });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: EURO_SHOP, action: "staff.access" } });
    expect(audit.diff).toEqual({ access: { before: "granted", after: "removed" } });
  });

  it("refuses to remove an Owner's access", async () => {
    const owner = await testStaff("owner", EURO_SHOP);
    const response = await call(
      staffRoute.action as Handler,
      await adminRequest(
        "/app/settings/staff?intent=access",
        { method: "POST", body: new URLSearchParams({ staffId: String(owner.id), removed: "true" }) },
        EURO_SHOP,
        "owner",
      ),
    );
    expect(response.status).toBe(409);
  });
});

describe("a person whose access was removed, in the browser", () => {
  it("sees why on every page of that store, not a broken page", async () => {
    const app = await startRemixApp();
    try {
      for (const path of ["/app", "/app/portfolio", "/app/playbooks"]) {
        const response = await app.fetch(await requestAs(JONAS, EURO_SHOP, path));
        expect(response.status).toBe(403);
        const html = await response.text();
        expect(html).toContain("The store&#x27;s Owner removed your access to PromoGuard in this store.");
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});
