import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { Role } from "~/domain/governance/roles";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { ROLLUP_DAY_JOB } from "~/domain/analytics/rollups.server";
import { redeem } from "./fraud-support";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";

// The measurement settings endpoint through the whole app in-process: real session tokens per
// role, real Remix routing, the JSON the settings card gets.
let app: Awaited<ReturnType<typeof startRemixApp>>;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
});
afterAll(() => app.close());

let counter = 0;
async function givenCampaign(options: { shop?: string; withPool?: boolean } = {}) {
  const shop = options.shop ?? TEST_SHOP;
  const pool = options.withPool === false ? null : await createPool(poolStore(), shop, `Route pool ${++counter}`);
  return prisma.campaign.create({
    data: {
      shopDomain: shop,
      name: `Measured ${++counter}`,
      ownerName: "Ana",
      ownerEmail: "ana@example.com",
      purpose: "Test",
      channel: "email",
      config: "{}",
      codeSource: pool ? "pool" : "shared",
      sharedCode: pool ? null : `SHARED${counter}`,
      poolId: pool?.id ?? null,
      status: "live",
      startsAt: new Date("2026-11-01T00:00:00Z"),
    },
  });
}

const post = async (campaignId: number | string, fields: Record<string, string>, options: { shop?: string; as?: Role } = {}) =>
  app.fetch(
    await adminRequest(
      `/app/campaigns/${campaignId}/experiment`,
      { method: "POST", body: new URLSearchParams(fields) },
      options.shop ?? TEST_SHOP,
      options.as ?? "owner",
    ),
  );
const get = async (campaignId: number | string, options: { shop?: string; as?: Role } = {}) =>
  app.fetch(await adminRequest(`/app/campaigns/${campaignId}/experiment`, {}, options.shop ?? TEST_SHOP, options.as ?? "owner"));

const valid = { holdoutPercent: "10", holdoutWindowDays: "21", experiment: "Winter offers", utmCampaign: "winter-2026" };
const settingsOf = async (id: number) =>
  prisma.campaign.findUniqueOrThrow({ where: { id }, select: { holdoutPercent: true, holdoutWindowDays: true, experiment: true, utmCampaign: true } });
const auditOf = (id: number) => prisma.auditEntry.findMany({ where: { entityType: "campaign", entityId: String(id), action: "campaign.experiment" } });

describe("POST /app/campaigns/:id/experiment", () => {
  it("saves the measurement settings and records who changed what", async () => {
    const campaign = await givenCampaign();
    const response = await post(campaign.id, { ...valid, experiment: "  Winter offers " }, { as: "manager" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      settings: { holdoutPercent: 10, holdoutWindowDays: 21, experiment: "Winter offers", utmCampaign: "winter-2026" },
    });
    expect(await settingsOf(campaign.id)).toEqual({ holdoutPercent: 10, holdoutWindowDays: 21, experiment: "Winter offers", utmCampaign: "winter-2026" });
    const [entry] = await auditOf(campaign.id);
    expect(entry).toMatchObject({ shopDomain: TEST_SHOP, actorId: (await testStaff("manager")).id, entityLabel: campaign.name });
    expect(entry.diff).toEqual({
      holdoutPercent: { before: 0, after: 10 },
      holdoutWindowDays: { before: 14, after: 21 },
      experiment: { before: null, after: "Winter offers" },
      utmCampaign: { before: null, after: "winter-2026" },
    });
  });

  it("refuses a requester with 403 and changes nothing", async () => {
    const campaign = await givenCampaign();
    const response = await post(campaign.id, valid, { as: "requester" });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ permission: "campaign.publish", error: expect.any(String) });
    expect(await settingsOf(campaign.id)).toEqual({ holdoutPercent: 0, holdoutWindowDays: 14, experiment: null, utmCampaign: null });
    expect(await auditOf(campaign.id)).toHaveLength(0);
  });

  it("answers another shop's campaign exactly like a missing one, and changes nothing", async () => {
    const theirs = await givenCampaign({ shop: OTHER_SHOP });
    const foreign = await post(theirs.id, valid);
    const missing = await post(999_999, valid);
    const garbage = await post("abc", valid);
    expect([foreign.status, missing.status, garbage.status]).toEqual([404, 404, 404]);
    expect(await foreign.json()).toEqual(await missing.json());
    expect(await settingsOf(theirs.id)).toEqual({ holdoutPercent: 0, holdoutWindowDays: 14, experiment: null, utmCampaign: null });
    expect((await get(theirs.id)).status).toBe(404);
  });

  it.each([
    [{ holdoutPercent: "60" }, "holdoutPercent", "The holdout share is at most 50% of recipients (you entered 60%): at least half must get the offer."],
    [{ holdoutPercent: "-5" }, "holdoutPercent", "Enter the holdout share as a percentage from 0 to 50, with at most two decimals (“-5” isn't one)."],
    [{ holdoutPercent: "ten" }, "holdoutPercent", "Enter the holdout share as a percentage from 0 to 50, with at most two decimals (“ten” isn't one)."],
    [{ holdoutWindowDays: "0" }, "holdoutWindowDays", "Enter the comparison window as a whole number of days from 1 to 90 (“0” isn't one)."],
    [{ holdoutWindowDays: "91" }, "holdoutWindowDays", "Enter the comparison window as a whole number of days from 1 to 90 (“91” isn't one)."],
    [{ holdoutWindowDays: "" }, "holdoutWindowDays", "Enter the comparison window as a whole number of days from 1 to 90."],
    [{ experiment: "x".repeat(101) }, "experiment", "Experiment names are at most 100 characters (this one has 101)."],
    [{ utmCampaign: "winter sale" }, "utmCampaign", "The UTM campaign tag can't contain spaces: use it exactly as it appears in your links' utm_campaign=…"],
  ])("refuses %j with a message on %s and keeps the old settings", async (change, field, message) => {
    const campaign = await givenCampaign();
    const response = await post(campaign.id, { ...valid, ...change });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, errors: { [field]: message } });
    expect(await settingsOf(campaign.id)).toEqual({ holdoutPercent: 0, holdoutWindowDays: 14, experiment: null, utmCampaign: null });
    expect(await auditOf(campaign.id)).toHaveLength(0);
  });

  it("refuses a holdout on a shared-code campaign but takes its other settings", async () => {
    const shared = await givenCampaign({ withPool: false });
    const refused = await post(shared.id, valid);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.holdoutPercent).toMatch(/^A holdout needs codes from a pool/);
    const accepted = await post(shared.id, { ...valid, holdoutPercent: "0" });
    expect(accepted.status).toBe(200);
    expect(await settingsOf(shared.id)).toMatchObject({ holdoutPercent: 0, utmCampaign: "winter-2026" });
  });

  it("judges a shared code's recorded orders again when its UTM tag changes, and queues their days' rollups", async () => {
    const shared = await givenCampaign({ withPool: false });
    const tagged = await redeem({ code: shared.sharedCode!, processedAt: new Date("2026-11-12T15:00:00Z") });
    const untagged = await redeem({ code: shared.sharedCode!, processedAt: new Date("2026-11-13T15:00:00Z") });
    await prisma.redemption.update({
      where: { id: tagged.id },
      data: { campaignId: shared.id, landingSite: "/collections/winter?utm_source=mail&utm_campaign=winter-2026" },
    });
    await prisma.redemption.update({ where: { id: untagged.id }, data: { campaignId: shared.id, landingSite: "/?utm_campaign=summer" } });
    await prisma.job.deleteMany({ where: { type: ROLLUP_DAY_JOB } });

    expect((await post(shared.id, { ...valid, holdoutPercent: "0" })).status).toBe(200);
    const influence = async () =>
      (await prisma.redemption.findMany({ where: { id: { in: [tagged.id, untagged.id] } }, orderBy: { id: "asc" } })).map((row) => row.influence);
    expect(await influence()).toEqual(["influenced", "applied"]);
    const days = await prisma.job.findMany({ where: { type: ROLLUP_DAY_JOB, shopDomain: TEST_SHOP } });
    expect(days.map((job) => JSON.parse(job.payload).day)).toEqual(["2026-11-12"]);

    // Removing the tag takes the influence back.
    await post(shared.id, { ...valid, holdoutPercent: "0", utmCampaign: "" });
    expect(await influence()).toEqual(["applied", "applied"]);
  });

  it("clears the experiment and tag when they are left empty", async () => {
    const campaign = await givenCampaign();
    await post(campaign.id, valid);
    await post(campaign.id, { holdoutPercent: "12.5", holdoutWindowDays: "14", experiment: " ", utmCampaign: "" });
    expect(await settingsOf(campaign.id)).toEqual({ holdoutPercent: 12.5, holdoutWindowDays: 14, experiment: null, utmCampaign: null });
  });
});

describe("GET /app/campaigns/:id/experiment", () => {
  it("gives the settings, the result and whether the viewer may edit", async () => {
    const campaign = await givenCampaign();
    await post(campaign.id, valid);
    const owner = (await (await get(campaign.id)).json()) as Record<string, unknown>;
    expect(owner).toMatchObject({ settings: { holdoutPercent: 10, holdoutWindowDays: 21 }, hasPool: true, currency: "USD", canEdit: true, whyNotEdit: null });
    // No recipients yet: the comparison exists, with nobody in it, and makes no claim.
    expect(owner.comparison).toMatchObject({ campaignId: campaign.id, treated: { recipients: 0 }, heldOut: { recipients: 0 }, verdict: "not yet significant" });
    const requester = (await (await get(campaign.id, { as: "requester" })).json()) as Record<string, unknown>;
    expect(requester).toMatchObject({ canEdit: false, whyNotEdit: expect.any(String) });
  });
});
