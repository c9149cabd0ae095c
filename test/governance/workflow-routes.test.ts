import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { Role } from "~/domain/governance/roles";
import { readForm } from "~/domain/form-schema";
import { policyFormSchema } from "~/domain/governance/policy-form";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminRequest, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";
import { discountMetafield, startShopify } from "../campaigns/support";

// The governed campaign screens and the Approvals page through the whole app in-process, signed in
// as each role: every action authorizes its intent before reading the form.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  app = await startRemixApp();
});
afterAll(async () => {
  await app.close();
  stop();
});

const send = async (path: string, init: RequestInit = {}, as: Role = "owner", shop = TEST_SHOP) => app.fetch(await adminRequest(path, init, shop, as));
const post = (path: string, fields: Record<string, string>, as: Role = "owner", shop = TEST_SHOP) =>
  send(path, { method: "POST", body: new URLSearchParams(fields) }, as, shop);
const data = (path: string, routeId: string) => `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeId)}`;
// React separates adjacent text with <!-- --> in server-rendered HTML; read it as the merchant does.
const html = async (path: string, as: Role = "owner") => (await (await send(path, {}, as)).text()).replaceAll("<!-- -->", "");

async function form(name: string, percentage: string, owner: Role = "requester") {
  return {
    name,
    ownerStaffId: String((await testStaff(owner)).id),
    purpose: "VIP thank-you",
    channel: "email",
    "effect.type": "percentage",
    "effect.percentage": percentage,
    "effect.appliesTo": "order",
    codeSource: "shared",
    sharedCode: name.toUpperCase().replace(/[^A-Z0-9]/g, ""),
    startsAt: "2026-03-01T09:00",
    endsAt: "2026-04-30T23:59",
    stackingCategory: "joint",
    priority: "1",
    note: "For the VIP list",
  };
}

const idFrom = (response: Response) => Number(/\/app\/campaigns\/(\d+)$/.exec(response.headers.get("location") ?? "")![1]);

describe("a Requester's campaign through the pages", () => {
  let campaignId: number;

  it("refuses a Requester's publish before reading the form, and saves nothing", async () => {
    const before = await prisma.campaign.count();
    const response = await post(data("/app/campaigns/new?intent=publish", "routes/app.campaigns.new"), await form("Not mine to publish", "10"), "requester");
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "Your role is Requester. Only Manager, Approver or Owner can do this; ask the store's Owner to change your role.",
      permission: "campaign.publish",
    });
    expect(await prisma.campaign.count()).toBe(before);
  });

  it("requires an owner from this store's staff when the policy does", async () => {
    const fields = await form("Ownerless", "10");
    const missing = await post(data("/app/campaigns/new?intent=save", "routes/app.campaigns.new"), { ...fields, ownerStaffId: "" }, "requester");
    expect(await missing.json()).toMatchObject({
      errors: { ownerStaffId: "Your store's policy requires an owner: choose the staff member accountable for this campaign." },
    });
    const foreign = await post(
      data("/app/campaigns/new?intent=save", "routes/app.campaigns.new"),
      { ...fields, ownerStaffId: String((await testStaff("owner", OTHER_SHOP)).id) },
      "requester",
    );
    expect(await foreign.json()).toEqual({ ok: false, errors: { ownerStaffId: "Choose one of this store's staff as the owner." } });
  });

  it("limits every typed field, with a message per field, and stores nothing oversized", async () => {
    const before = { campaigns: await prisma.campaign.count(), audit: await prisma.auditEntry.count() };
    const huge = "x".repeat(5 * 1024 * 1024);
    const fields = {
      ...(await form("Oversized", "10")),
      ownerStaffId: "",
      ownerName: huge,
      ownerEmail: `${"a".repeat(300)}@example.com`,
      purpose: huge,
      note: huge,
    };
    const response = await post(data("/app/campaigns/new?intent=submit", "routes/app.campaigns.new"), fields, "requester");
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ note: "The note is 5,242,880 characters long; keep it to 2,000." });
    const withoutNote = await post(data("/app/campaigns/new?intent=submit", "routes/app.campaigns.new"), { ...fields, note: "ok" }, "requester");
    expect((await withoutNote.json()).errors).toMatchObject({
      ownerName: "The owner's name is 5,242,880 characters long; keep it to 255.",
      ownerEmail: "Enter the owner's email address, or leave it empty.",
      purpose: "The purpose is at most 500 characters.",
    });
    expect({ campaigns: await prisma.campaign.count(), audit: await prisma.auditEntry.count() }).toEqual(before);
  });

  it("submits a 40% draft with a note; the nav counts it; the requester sees the status and reasons", async () => {
    const response = await post("/app/campaigns/new?intent=submit", await form("VIP 40", "40"), "requester");
    expect(response.status).toBe(302);
    campaignId = idFrom(response);
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign).toMatchObject({
      approvalState: "submitted",
      status: "draft",
      ownerStaffId: (await testStaff("requester")).id,
      ownerName: "Riley Requester",
      ownerEmail: "riley@example.com",
    });

    expect(await html("/app/campaigns", "manager")).toContain("Approvals (1)");
    const page = await html(`/app/campaigns/${campaignId}`, "requester");
    for (const words of [
      "Waiting for approval",
      "Submitted by Riley Requester",
      "For the VIP list",
      "40% off is above the 25% a Manager may publish without approval.",
    ])
      expect(page).toContain(words);
  });

  it("shows the queue to everyone, and lets only an Approver decide", async () => {
    const queue = await html("/app/approvals", "requester");
    for (const words of ["Approvals (1)", "VIP 40", "Riley Requester", "For the VIP list", "40% off is above the 25%", "Approve and publish"])
      expect(queue).toContain(words);
    const request = await prisma.approvalRequest.findFirstOrThrow({ where: { campaignId } });

    const denied = await post(data("/app/approvals?intent=approve", "routes/app.approvals"), { requestId: String(request.id) }, "manager");
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ permission: "campaign.approve" });
    expect((await prisma.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");

    const noReason = await post(
      data("/app/approvals?intent=reject", "routes/app.approvals"),
      { requestId: String(request.id), decisionReason: "" },
      "approver",
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ errors: { decisionReason: "Say why you reject it: the requester reads this to fix the campaign." } });
    const longReason = await post(
      data("/app/approvals?intent=reject", "routes/app.approvals"),
      { requestId: String(request.id), decisionReason: "no ".repeat(400) },
      "approver",
    );
    expect(longReason.status).toBe(400);
    expect(await longReason.json()).toMatchObject({ errors: { decisionReason: "The reason is 1,199 characters long; keep it to 1,000." } });
    expect((await prisma.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });

  it("answers another shop's request id like a missing one and changes nothing", async () => {
    const theirs = await prisma.approvalRequest.create({
      data: {
        shopDomain: OTHER_SHOP,
        campaignId,
        kind: "new",
        proposed: JSON.stringify({ name: "Theirs" }),
        requestedById: (await testStaff("requester", OTHER_SHOP)).id,
      },
    });
    const response = await post(data("/app/approvals?intent=approve", "routes/app.approvals"), { requestId: String(theirs.id) }, "approver");
    expect(response.status).toBe(404);
    expect((await prisma.approvalRequest.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("pending");
    expect(await html("/app/approvals", "approver")).not.toContain("Theirs");
    await prisma.approvalRequest.delete({ where: { id: theirs.id } });
  });

  it("an Approver approves on the Approvals page: it is published to Shopify and the requester is told", async () => {
    const request = await prisma.approvalRequest.findFirstOrThrow({ where: { campaignId } });
    const response = await post(data("/app/approvals?intent=approve", "routes/app.approvals"), { requestId: String(request.id) }, "approver");
    expect(await response.json()).toEqual({ ok: true, done: "VIP 40 approved and published", errors: {} });
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign).toMatchObject({ status: "live", approvalState: "approved" });
    expect(discountMetafield(emulator, campaign.shopifyDiscountId!)).toMatchObject({ e: [["%", 40, "O"]] });
    expect(await html("/app/campaigns", "manager")).not.toContain("Approvals (");

    const requesterView = await html("/app/approvals", "requester");
    expect(requesterView).toContain("Avery Approver approved VIP 40; it is published.");
    const history = await html("/app/approvals", "owner");
    expect(history).toContain("Approved");
  });
});

describe("editing a live campaign through its page", () => {
  it("a Manager's edit beyond the policy becomes a pending revision shown next to the live version", async () => {
    const created = await post("/app/campaigns/new?intent=publish", await form("Spring 20", "20", "manager"), "manager");
    const id = idFrom(created);
    const live = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(live.status).toBe("live");

    const edit = await post(
      data(`/app/campaigns/${id}?intent=publish`, "routes/app.campaigns.$id"),
      { ...(await form("Spring 20", "35", "manager")), note: "Last week push" },
      "manager",
    );
    expect(await edit.json()).toEqual({
      ok: true,
      done: "Changes sent for approval. The live campaign keeps running unchanged until they are approved.",
      errors: {},
    });
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id } })).config).toBe(live.config);
    expect(discountMetafield(emulator, live.shopifyDiscountId!)).toMatchObject({ e: [["%", 20, "O"]] });

    const page = await html(`/app/campaigns/${id}`, "approver");
    for (const words of ["Pending changes", "Live now", "Proposed", "Last week push", "35% off is above the 25%"]) expect(page).toContain(words);
  });

  it("refuses a Requester's pause with 403 and leaves the campaign live", async () => {
    const campaign = await prisma.campaign.findFirstOrThrow({ where: { name: "Spring 20" } });
    const response = await post(`/app/campaigns/${campaign.id}?intent=pause`, {}, "requester");
    expect(response.status).toBe(403);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("live");
  });

  it("answers another shop's campaign id with 404 for every intent", async () => {
    const campaign = await prisma.campaign.findFirstOrThrow({ where: { name: "Spring 20" } });
    for (const intent of ["save", "publish", "approve", "archive"]) {
      expect((await post(`/app/campaigns/${campaign.id}?intent=${intent}`, {}, "owner", OTHER_SHOP)).status).toBe(404);
    }
    expect((await send(`/app/campaigns/${campaign.id}`, {}, "owner", OTHER_SHOP)).status).toBe(404);
  });
});

describe("the policy settings page", () => {
  it("lets the Owner change the policy, audited; others read it with the reason and are refused", async () => {
    const managerView = await html("/app/settings/policy", "manager");
    expect(managerView).toContain("Read only");
    expect(managerView).toContain("Your role is Manager. Only Owner can do this");
    const denied = await post("/app/settings/policy", { maxPercentWithoutApproval: "90" }, "approver");
    expect(denied.status).toBe(403);

    const bad = await post(data("/app/settings/policy", "routes/app.settings_.policy"), { maxPercentWithoutApproval: "150" }, "owner");
    expect(bad.status).toBe(400);
    // The page checks the form with the schema the action reads it with: same message, same field.
    const badForm = { maxPercentWithoutApproval: "150", maxAmountWithoutApproval: "abc", maxDurationDays: "0" };
    const inBrowser = readForm(policyFormSchema, badForm);
    expect(inBrowser.ok === false && Object.keys(inBrowser.errors)).toEqual(["maxPercentWithoutApproval", "maxAmountWithoutApproval", "maxDurationDays"]);
    const answer = (await (await post(data("/app/settings/policy", "routes/app.settings_.policy"), badForm, "owner")).json()) as {
      errors: Record<string, string>;
    };
    expect(answer.errors).toEqual(!inBrowser.ok && inBrowser.errors);
    const saved = await post(
      data("/app/settings/policy", "routes/app.settings_.policy"),
      { maxPercentWithoutApproval: "30", maxCombinedDepthPercent: "60", requireEndDate: "true", requireOwner: "true" },
      "owner",
    );
    expect(await saved.json()).toEqual({ ok: true, errors: {} });
    const row = await prisma.governancePolicy.findUniqueOrThrow({ where: { shopDomain: TEST_SHOP } });
    expect(row).toMatchObject({ maxPercentWithoutApproval: 30, maxCombinedDepthPercent: 60, freeShippingNeedsApproval: false, requirePurpose: false });
    expect(await prisma.governancePolicy.findUnique({ where: { shopDomain: OTHER_SHOP } })).toBeNull();
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, action: "policy.update" } });
    expect(audit.actorName).toBe("Olivia Owner");
    expect((audit.diff as Record<string, unknown>).maxPercentWithoutApproval).toEqual({ before: 25, after: 30 });
  });
});
