// The permission matrix's campaign, approval, measurement, ungoverned-code and policy routes. Their
// intent travels in the URL, so each (route, intent) pair is a case of its own.
import prisma from "~/db.server";
import { getPolicy, policyFormValues } from "~/domain/governance/policy.server";
import type { Role } from "~/domain/governance/roles";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { importExistingDiscounts } from "~/domain/campaigns/existing-discounts.server";
import * as approvalsPage from "~/routes/app.approvals";
import * as campaignPage from "~/routes/app.campaigns.$id";
import * as experimentRoute from "~/routes/app.campaigns.$id.experiment";
import * as newCampaign from "~/routes/app.campaigns.new";
import * as ungovernedPage from "~/routes/app.campaigns.ungoverned";
import * as policyPage from "~/routes/app.settings_.policy";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminFor } from "../campaigns/support";
import { adminRequest, TEST_SHOP, testStaff } from "../support/shopify-app";
import { next, routeCases, unique, type Fixture, type Handler, type MatrixCase } from "./matrix-support";

/** The new-campaign form as the page posts it: within the default policy at 10%, beyond it at 40%. */
async function campaignForm(percentage: string, name = unique("Matrix campaign")) {
  return {
    name,
    ownerStaffId: String((await testStaff("manager")).id),
    purpose: "Permission matrix",
    channel: "email",
    "effect.type": "percentage",
    "effect.percentage": percentage,
    "effect.appliesTo": "order",
    codeSource: "shared",
    sharedCode: `MATRIX${next()}`,
    startsAt: "2026-03-01T09:00",
    endsAt: "2026-04-30T23:59",
    stackingCategory: "joint",
    priority: "1",
    note: "Made by the permission matrix",
  };
}

/** Creates a campaign through the new-campaign page as `as` (save, submit or publish). */
async function createCampaign(intent: "save" | "submit" | "publish", percentage: string, as: Role = "owner") {
  const form = await campaignForm(percentage);
  const request = await adminRequest(`/app/campaigns/new?intent=${intent}`, { method: "POST", body: new URLSearchParams(form) }, TEST_SHOP, as);
  const response = (await newCampaign.action({ request, params: {}, context: {} })) as Response;
  const id = /\/app\/campaigns\/(\d+)$/.exec(response.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`Setting up a ${intent}d campaign failed: ${response.status} ${await response.text()}`);
  const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: Number(id) } });
  return { campaign, form };
}

async function pendingRequest(as: Role = "requester") {
  const { campaign, form } = await createCampaign("submit", "40", as);
  const request = await prisma.approvalRequest.findFirstOrThrow({ where: { campaignId: campaign.id, status: "pending" } });
  return { campaign, form, request };
}

async function liveCampaign() {
  const { campaign, form } = await createCampaign("publish", "10");
  if (campaign.status !== "live") throw new Error(`Setting up a live campaign left it ${campaign.status}`);
  return { campaign, form };
}

const campaignCase = routeCases("app.campaigns.$id.tsx", campaignPage.action as Handler, (f) => `/app/campaigns/${f.params.id}`);
const approvalsCase = routeCases("app.approvals.tsx", approvalsPage.action as Handler, () => "/app/approvals");
const ungovernedCase = routeCases("app.campaigns.ungoverned.tsx", ungovernedPage.action as Handler, () => "/app/campaigns/ungoverned");
const newCampaignCase = (intent: string, name: string, permission: MatrixCase["permission"], audit: string, percentage: string) =>
  routeCases("app.campaigns.new.tsx", newCampaign.action as Handler, () => "/app/campaigns/new")(intent, name, permission, audit, async () => ({
    params: {},
    form: await campaignForm(percentage),
  }));

/** A discount made in Shopify's admin, imported into the "Not governed" list. */
async function ungovernedDiscount(emulator: ShopifyEmulator) {
  const title = unique("Made in Shopify");
  emulator.seedFor(TEST_SHOP).discount({ title, codes: [`SHOPIFY${next()}`], summary: "10% off entire order" });
  await importExistingDiscounts(prisma, await adminFor(TEST_SHOP), TEST_SHOP);
  return prisma.existingDiscount.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, title } });
}

export function campaignCases(emulator: () => ShopifyEmulator): MatrixCase[] {
  return [
    newCampaignCase("save", "save a new draft", "campaign.draft", "campaign.create", "40"),
    newCampaignCase("submit", "submit a new campaign for approval", "campaign.draft", "campaign.submit", "40"),
    newCampaignCase("publish", "publish a new campaign within the policy", "campaign.publish", "campaign.publish", "10"),

    campaignCase("save", "save a draft's changes", "campaign.draft", "campaign.update", async () => {
      const { campaign, form } = await createCampaign("save", "10");
      return { params: { id: String(campaign.id) }, form: { ...form, "effect.percentage": "15" } };
    }),
    campaignCase("submit", "submit a draft for approval", "campaign.draft", "campaign.submit", async () => {
      const { campaign, form } = await createCampaign("save", "40");
      return { params: { id: String(campaign.id) }, form };
    }),
    campaignCase("withdraw", "withdraw one's own request", "campaign.draft", "approval.withdraw", async (role) => {
      const { campaign, request } = await pendingRequest(role);
      return { params: { id: String(campaign.id) }, form: { requestId: String(request.id) } };
    }),
    campaignCase("publish", "publish a draft", "campaign.publish", "campaign.publish", async () => {
      const { campaign, form } = await createCampaign("save", "10");
      return { params: { id: String(campaign.id) }, form };
    }),
    campaignCase("pause", "pause a live campaign", "campaign.publish", "campaign.pause", async () => {
      const { campaign } = await liveCampaign();
      return { params: { id: String(campaign.id) }, form: {} };
    }),
    campaignCase("resume", "resume a paused campaign", "campaign.publish", "campaign.resume", async () => {
      const { campaign } = await liveCampaign();
      const request = await adminRequest(`/app/campaigns/${campaign.id}?intent=pause`, { method: "POST", body: new URLSearchParams() }, TEST_SHOP, "owner");
      await campaignPage.action({ request, params: { id: String(campaign.id) }, context: {} });
      return { params: { id: String(campaign.id) }, form: {} };
    }),
    campaignCase("archive", "archive a live campaign", "campaign.publish", "campaign.archive", async () => {
      const { campaign } = await liveCampaign();
      return { params: { id: String(campaign.id) }, form: {} };
    }),
    campaignCase("reactivate", "reactivate an archived campaign", "campaign.publish", "campaign.reactivate", async () => {
      const { campaign } = await liveCampaign();
      const request = await adminRequest(`/app/campaigns/${campaign.id}?intent=archive`, { method: "POST", body: new URLSearchParams() }, TEST_SHOP, "owner");
      await campaignPage.action({ request, params: { id: String(campaign.id) }, context: {} });
      return { params: { id: String(campaign.id) }, form: {} };
    }),
    campaignCase("duplicate", "duplicate a campaign as a new draft", "campaign.draft", "campaign.create", async () => {
      const { campaign } = await liveCampaign();
      return { params: { id: String(campaign.id) }, form: {} };
    }),
    campaignCase("approve", "approve a request on the campaign page", "campaign.approve", "approval.approve", async () => {
      const { campaign, request } = await pendingRequest();
      return { params: { id: String(campaign.id) }, form: { requestId: String(request.id) } };
    }),
    campaignCase("reject", "reject a request on the campaign page", "campaign.approve", "approval.reject", async () => {
      const { campaign, request } = await pendingRequest();
      return { params: { id: String(campaign.id) }, form: { requestId: String(request.id), decisionReason: "Too deep for the season" } };
    }),

    approvalsCase("approve", "approve a request in the queue", "campaign.approve", "approval.approve", async () => {
      const { request } = await pendingRequest();
      return { params: {}, form: { requestId: String(request.id) } };
    }),
    approvalsCase("reject", "reject a request in the queue", "campaign.approve", "approval.reject", async () => {
      const { request } = await pendingRequest();
      return { params: {}, form: { requestId: String(request.id), decisionReason: "Not this month" } };
    }),
    approvalsCase("withdraw", "withdraw one's own request in the queue", "campaign.draft", "approval.withdraw", async (role) => {
      const { request } = await pendingRequest(role);
      return { params: {}, form: { requestId: String(request.id) } };
    }),
    approvalsCase(
      "read",
      "mark one's notifications read",
      "campaign.draft",
      { none: "it changes only the reader's own unread marks, nothing of the shop's" },
      async () => ({ params: {}, form: {} }),
    ),

    {
      name: "change a campaign's holdout and experiment settings",
      file: "app.campaigns.$id.experiment.tsx",
      intent: null,
      handler: experimentRoute.action as Handler,
      method: "POST",
      path: (f) => `/app/campaigns/${f.params.id}/experiment`,
      permission: "campaign.publish",
      audit: "campaign.experiment",
      setup: async () => {
        const pool = await createPool(poolStore(), TEST_SHOP, unique("Measured pool"));
        const { campaign } = await createCampaign("save", "10");
        await prisma.campaign.update({ where: { id: campaign.id }, data: { poolId: pool.id } });
        return {
          params: { id: String(campaign.id) },
          form: { holdoutPercent: "10", holdoutWindowDays: "21", experiment: unique("Winter offers"), utmCampaign: `winter-${next()}` },
        };
      },
    },

    ungovernedCase("import", "import the store's discounts", "campaign.publish", "discount.import", async () => ({ params: {}, form: {} })),
    ungovernedCase("adopt", "adopt a discount made in Shopify", "ungoverned.manage", "discount.adopt", async () => {
      const row = await ungovernedDiscount(emulator());
      return {
        params: {},
        form: { id: String(row.id), ownerStaffId: String((await testStaff("manager")).id), purpose: "Newsletter sign-up", channel: "email" },
      };
    }),
    ungovernedCase("deactivate", "deactivate a discount made in Shopify", "ungoverned.manage", "discount.deactivate", async () => {
      const row = await ungovernedDiscount(emulator());
      return { params: {}, form: { id: String(row.id) } };
    }),
    ungovernedCase("refuse", "switch the refusal of ungoverned codes", "policy.manage", "policy.refuse-ungoverned", async () => {
      const policy = await getPolicy(prisma, TEST_SHOP);
      return { params: {}, form: { refuse: String(!policy.refuseUngovernedCodes) } };
    }),

    {
      name: "change the discount policy",
      file: "app.settings_.policy.tsx",
      intent: null,
      handler: policyPage.action as Handler,
      method: "POST",
      path: () => "/app/settings/policy",
      permission: "policy.manage",
      audit: "policy.update",
      setup: async (): Promise<Fixture> => {
        const values = policyFormValues(await getPolicy(prisma, TEST_SHOP));
        return { params: {}, form: { ...values, maxDurationDays: String(400 + next()) } };
      },
    },
  ];
}
