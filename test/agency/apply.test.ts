// A playbook saved in store A (USD) and applied to store B (EUR) that lacks one of its collections:
// B gets drafts with the mapped rules and a report of what was not found, waiting for B's own
// approval; B's Requester (and Manager) cannot publish them; a new version re-applied becomes
// revisions and updated drafts, never duplicates. Every apply is in B's audit log and the
// playbook's own history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { applyPlaybook, planApplication, type ApplyRequest } from "~/domain/agency/apply.server";
import { capturePlaybook } from "~/domain/agency/capture.server";
import { addVersion, documentOf, latestVersion } from "~/domain/agency/playbooks.server";
import { amountField, readVariableForm, variableField } from "~/domain/agency/variables";
import type { Membership } from "~/domain/agency/agencies.server";
import { accessInStore, storeRef } from "~/domain/agency/stores.server";
import { approveRequest, createDraft, publishGoverned } from "~/domain/governance/workflow.server";
import { DEFAULT_POLICY, getPolicy, updatePolicy } from "~/domain/governance/policy.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool, updateAlertSettings } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminFor, campaignInput } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { EURO_SHOP, agencyOf, callFor, staffIn, startAgencyShops } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;
let member: Membership;
let playbookId: number;
const collections: Record<string, string> = {};

async function storeOf(shop: string) {
  return storeRef(await prisma.shop.findUniqueOrThrow({ where: { domain: shop } }));
}

async function request(overrides: Partial<ApplyRequest> = {}): Promise<ApplyRequest> {
  const playbook = await prisma.playbook.findUniqueOrThrow({ where: { id: playbookId } });
  const version = await latestVersion(prisma, playbookId);
  const access = await accessInStore(prisma, member.userId, EURO_SHOP, "playbook.apply");
  return {
    playbook,
    version,
    document: documentOf(version),
    member,
    target: { staff: access.staff, store: access.store },
    call: await callFor(EURO_SHOP),
    admin: await adminFor(EURO_SHOP),
    amounts: {},
    includePolicy: false,
    ...overrides,
  };
}

beforeAll(async () => {
  ({ emulator, stop } = await startAgencyShops());
  const a = emulator.seedFor(TEST_SHOP);
  collections.summerA = a.collection({ title: "Summer", handle: "summer" }).id;
  collections.clearanceA = a.collection({ title: "Clearance", handle: "clearance" }).id;
  const b = emulator.seedFor(EURO_SHOP);
  b.collection({ title: "Winter", handle: "winter" });
  collections.summerB = b.collection({ title: "Sommer", handle: "summer" }).id;

  // Store A's Manager made two campaigns; the Owner published the first.
  const owner = await staffIn(TEST_SHOP, "owner");
  const summer = await createDraft(
    prisma,
    owner,
    campaignInput({
      name: "Summer 10%",
      sharedCode: "SUMMER10",
      config: {
        version: 1,
        includedCollectionIds: [collections.summerA],
        excludedCollectionIds: [collections.clearanceA],
        maxDiscountPerOrder: "50.00",
        effects: [{ type: "percentage", percentage: 10 }],
      },
    }),
  );
  const published = await publishGoverned({ db: prisma, staff: owner, admin: await adminFor(TEST_SHOP) }, summer.campaign);
  expect(published.publish.ok).toBe(true);
  const basket = await createDraft(
    prisma,
    owner,
    campaignInput({
      name: "Big basket",
      sharedCode: "BASKET20",
      budgetDiscount: "500.00",
      config: { version: 1, minimumSubtotal: "300.00", effects: [{ type: "fixedAmount", amount: "20.00", per: "order" }] },
    }),
  );

  [member] = await agencyOf("Lumen Agency", ["manager"]);
  const captured = await capturePlaybook(prisma, await callFor(TEST_SHOP), await storeOf(TEST_SHOP), await staffIn(TEST_SHOP, "manager"), member, {
    name: "Summer playbook",
    description: "",
    campaignIds: [summer.campaign.id, basket.campaign.id],
    poolIds: [],
    includePolicy: false,
  });
  playbookId = captured.playbookId;
});
afterAll(() => stop());

describe("saving a store's campaigns as a playbook", () => {
  it("turns every store-dependent value into a variable: amounts in USD, collections by handle, codes, dates after applying", async () => {
    const document = documentOf(await latestVersion(prisma, playbookId));
    expect(document.currency).toBe("USD");
    const byKind = (kind: string) => document.variables.filter((variable) => variable.kind === kind);
    expect(byKind("collection").map((variable) => [variable.label, (variable as { handle: string }).handle])).toEqual([
      ["Summer", "summer"],
      ["Clearance", "clearance"],
    ]);
    expect(
      byKind("money")
        .map((variable) => (variable as { amount: string }).amount)
        .sort(),
    ).toEqual(["20.00", "300.00", "50.00", "500.00"]);
    expect(byKind("code").map((variable) => (variable as { value: string }).value)).toEqual(["SUMMER10", "BASKET20"]);
    expect(JSON.stringify(document.campaigns)).not.toContain("gid://shopify/Collection");
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, action: "playbook.capture" } });
    expect(audit.diff).toMatchObject({ campaigns: { after: ["Summer 10%", "Big basket"] } });
  });
});

describe("applying it to a store in another currency", () => {
  it("asks for every converted amount in the store's currency before it changes anything", async () => {
    const before = await prisma.campaign.count({ where: { shopDomain: EURO_SHOP } });
    const result = await applyPlaybook(prisma, await request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const document = documentOf(await latestVersion(prisma, playbookId));
    const subtotal = document.variables.find((variable) => variable.kind === "money" && variable.amount === "300.00")!;
    expect(result.errors[amountField(subtotal.key)]).toBe(
      "Enter the amount in EUR for “Big basket: Minimum subtotal of eligible items” (300.00 USD in the playbook).",
    );
    expect(Object.keys(result.errors)).toHaveLength(4);
    expect(await prisma.campaign.count({ where: { shopDomain: EURO_SHOP } })).toBe(before);
  });

  it("creates drafts with the mapped rules, submitted for the store's approval, and reports what it could not map", async () => {
    const document = documentOf(await latestVersion(prisma, playbookId));
    const euros: Record<string, string> = { "300.00": "280", "20.00": "18.50", "50.00": "45", "500.00": "460" };
    const amounts = Object.fromEntries(document.variables.flatMap((variable) => (variable.kind === "money" ? [[variable.key, euros[variable.amount]]] : [])));
    const result = await applyPlaybook(prisma, await request({ amounts }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { report } = result;
    expect(report.resources).toEqual([
      { label: "Summer", kind: "collection", lookedFor: "summer", found: "Sommer" },
      { label: "Clearance", kind: "collection", lookedFor: "clearance", found: null },
    ]);
    expect(report.campaigns.map((entry) => [entry.name, entry.outcome, entry.notFound, entry.widened])).toEqual([
      ["Summer 10%", "created", ["Clearance"], ["Collections excluded from the discount"]],
      ["Big basket", "created", [], []],
    ]);

    const drafts = await prisma.campaign.findMany({ where: { shopDomain: EURO_SHOP, playbookId }, orderBy: { id: "asc" } });
    expect(drafts.map((draft) => [draft.name, draft.status, draft.approvalState, draft.playbookVersion, draft.playbookEntry])).toEqual([
      ["Summer 10%", "draft", "submitted", 1, "summer-10"],
      ["Big basket", "draft", "submitted", 1, "big-basket"],
    ]);
    expect(JSON.parse(drafts[0].config)).toEqual({
      version: 1,
      includedCollectionIds: [collections.summerB],
      maxDiscountPerOrder: "45.00",
      effects: [{ type: "percentage", percentage: 10 }],
    });
    expect(JSON.parse(drafts[1].config)).toEqual({ version: 1, minimumSubtotal: "280.00", effects: [{ type: "fixedAmount", amount: "18.50", per: "order" }] });
    expect(drafts[1].budgetDiscount?.toFixed(2)).toBe("460.00");
    const manager = await staffIn(EURO_SHOP, "manager");
    expect(drafts.map((draft) => draft.ownerStaffId)).toEqual([manager.id, manager.id]);

    const requests = await prisma.approvalRequest.findMany({ where: { shopDomain: EURO_SHOP, status: "pending" } });
    expect(requests.map((row) => row.campaignId).sort()).toEqual(drafts.map((draft) => draft.id).sort());
    expect(requests[0].reasons).toContain(
      "It comes from the playbook “Summer playbook” (version 1): a playbook's campaigns go live only once this store approves them.",
    );

    const apply = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: EURO_SHOP, action: "playbook.apply" } });
    expect(apply.actorName).toBe(manager.name);
    expect(apply.diff).toMatchObject({ created: { after: 2 }, notFound: { after: ["Clearance"] } });
    const history = await prisma.playbookApplication.findMany({ where: { playbookId } });
    expect(history.map((row) => [row.shopDomain, row.version, row.actorName])).toEqual([[EURO_SHOP, 1, member.name]]);
  });

  it("lets nothing go live without the store's approval: neither its Requester nor its Manager can publish the drafts", async () => {
    const drafts = await prisma.campaign.findMany({ where: { shopDomain: EURO_SHOP, playbookId }, orderBy: { id: "asc" } });
    for (const role of ["requester", "manager"] as const) {
      const refused = publishGoverned({ db: prisma, staff: await staffIn(EURO_SHOP, role), admin: await adminFor(EURO_SHOP) }, drafts[1]);
      await expect(refused).rejects.toMatchObject({ kind: "refused" });
    }
    expect(emulator.store(EURO_SHOP).discounts.size).toBe(1); // the guard only

    const request = await prisma.approvalRequest.findFirstOrThrow({ where: { shopDomain: EURO_SHOP, campaignId: drafts[0].id, status: "pending" } });
    const approved = await approveRequest({ db: prisma, staff: await staffIn(EURO_SHOP, "approver"), admin: await adminFor(EURO_SHOP) }, request);
    expect(approved.publish.ok).toBe(true);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: drafts[0].id } })).status).toBe("live");
  });
});

describe("re-applying a newer version", () => {
  it("proposes revisions of live campaigns and updates drafts, never duplicates", async () => {
    const playbook = await prisma.playbook.findUniqueOrThrow({ where: { id: playbookId } });
    const document = documentOf(await latestVersion(prisma, playbookId));
    const cap = document.variables.find((variable) => variable.kind === "money" && variable.amount === "50.00")!;
    const subtotal = document.variables.find((variable) => variable.kind === "money" && variable.amount === "300.00")!;
    // Version 2: a smaller cap on Summer 10%, the same in every currency (not converted), and a lower minimum for Big basket.
    const edit = readVariableForm(document.variables, {
      [variableField(cap.key, "value")]: "30",
      [variableField(subtotal.key, "value")]: "250",
      [variableField(subtotal.key, "convert")]: "true",
    });
    if (!edit.ok) throw new Error(JSON.stringify(edit.errors));
    const saved = await addVersion(prisma, member, playbook, { ...document, variables: edit.variables }, "edited", "Smaller cap");
    expect(saved.version).toBe(2);

    const amounts = Object.fromEntries(
      documentOf(await latestVersion(prisma, playbookId)).variables.flatMap((variable) =>
        variable.kind === "money" && variable.convert ? [[variable.key, "230"]] : [],
      ),
    );
    const plan = await planApplication(prisma, await request({ amounts }));
    expect(plan.errors).toEqual({});
    const before = await prisma.campaign.count({ where: { shopDomain: EURO_SHOP } });
    const result = await applyPlaybook(prisma, await request({ amounts }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.report.campaigns.map((entry) => [entry.name, entry.outcome])).toEqual([
      ["Summer 10%", "revision"],
      ["Big basket", "updated"],
    ]);
    expect(await prisma.campaign.count({ where: { shopDomain: EURO_SHOP } })).toBe(before);

    const [summer, basket] = await prisma.campaign.findMany({ where: { shopDomain: EURO_SHOP, playbookId }, orderBy: { id: "asc" } });
    // The live campaign runs unchanged until the revision is approved; the revision carries version 2.
    expect(JSON.parse(summer.config).maxDiscountPerOrder).toBe("45.00");
    expect(summer.playbookVersion).toBe(1);
    const revision = await prisma.approvalRequest.findFirstOrThrow({ where: { campaignId: summer.id, status: "pending" } });
    expect([revision.kind, revision.playbookVersion, JSON.parse(revision.proposed).config.maxDiscountPerOrder]).toEqual(["revision", 2, "30.00"]);
    // The draft took version 2 and waits again (its earlier request replaced).
    expect([JSON.parse(basket.config).minimumSubtotal, basket.playbookVersion, basket.approvalState]).toEqual(["230.00", 2, "submitted"]);
    expect(await prisma.approvalRequest.count({ where: { campaignId: basket.id, status: "pending" } })).toBe(1);

    const approved = await approveRequest({ db: prisma, staff: await staffIn(EURO_SHOP, "approver"), admin: await adminFor(EURO_SHOP) }, revision);
    expect(approved.publish.ok).toBe(true);
    const live = await prisma.campaign.findUniqueOrThrow({ where: { id: summer.id } });
    expect([JSON.parse(live.config).maxDiscountPerOrder, live.playbookVersion]).toEqual(["30.00", 2]);
    expect(await prisma.auditEntry.count({ where: { shopDomain: EURO_SHOP, action: "playbook.apply" } })).toBe(2);
  });
});

describe("pools and the discount policy", () => {
  it("creates the store's missing pools with their alert settings, and sets the policy only for an Owner there", async () => {
    const store = poolStore();
    const pool = await createPool(store, TEST_SHOP, "VIP codes");
    await updateAlertSettings(store, pool, { enabled: true, threshold: 50 });
    await addCoupon(store, pool, { code: "VIP-0001" });
    const owner = await staffIn(TEST_SHOP, "owner");
    await updatePolicy(prisma, TEST_SHOP, owner, { ...DEFAULT_POLICY, maxPercentWithoutApproval: 30, maxAmountWithoutApproval: "20.00" });
    const vip = await createDraft(
      prisma,
      owner,
      campaignInput({
        name: "VIP 15%",
        codeSource: "pool",
        sharedCode: null,
        poolId: pool.id,
        config: { version: 1, effects: [{ type: "percentage", percentage: 15, appliesTo: "order" }] },
      }),
    );
    const captured = await capturePlaybook(prisma, await callFor(TEST_SHOP), await storeOf(TEST_SHOP), owner, member, {
      name: "VIP playbook",
      description: "",
      campaignIds: [vip.campaign.id],
      poolIds: [],
      includePolicy: true,
    });
    const playbook = await prisma.playbook.findUniqueOrThrow({ where: { id: captured.playbookId } });
    const version = await latestVersion(prisma, playbook.id);
    const toOther = async (role: "manager" | "owner") => {
      const access = await accessInStore(prisma, String((await staffIn(OTHER_SHOP, role)).userId), OTHER_SHOP, "playbook.apply");
      return applyPlaybook(prisma, {
        playbook,
        version,
        document: documentOf(version),
        member,
        target: { staff: access.staff, store: access.store },
        call: await callFor(OTHER_SHOP),
        admin: await adminFor(OTHER_SHOP),
        amounts: {},
        includePolicy: true,
      });
    };

    const refused = await toOther("manager");
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors).toEqual({ policy: "Your role is Manager in other-shop. Only Owner can do this; ask the store's Owner to change your role." });
    expect(await prisma.couponPool.count({ where: { shopDomain: OTHER_SHOP } })).toBe(0);

    const applied = await toOther("owner");
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    expect(applied.report.pools).toEqual([{ name: "VIP codes", outcome: "created" }]);
    expect(applied.report.policy).toBe("applied");
    const created = await prisma.couponPool.findFirstOrThrow({ where: { shopDomain: OTHER_SHOP } });
    expect([created.name, created.lowStockAlertEnabled, created.lowStockThreshold]).toEqual(["VIP codes", true, 50]);
    // The pool arrives empty: codes are the store's own, never copied.
    expect(await prisma.coupon.count({ where: { poolId: created.id } })).toBe(0);
    const draft = await prisma.campaign.findFirstOrThrow({ where: { shopDomain: OTHER_SHOP, playbookId: playbook.id } });
    expect([draft.codeSource, draft.poolId]).toEqual(["pool", created.id]);
    expect(await getPolicy(prisma, OTHER_SHOP)).toMatchObject({ maxPercentWithoutApproval: 30, maxAmountWithoutApproval: "20.00" });
    expect(await prisma.auditEntry.count({ where: { shopDomain: OTHER_SHOP, action: { in: ["policy.update", "pool.create", "playbook.apply"] } } })).toBe(3);
  });
});
