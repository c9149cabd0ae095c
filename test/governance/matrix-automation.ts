// The permission matrix's post-purchase rules: the rule page's save (a new rule, an edit) and the
// list's pause, resume and delete, each on a rule of its own.
import prisma from "~/db.server";
import * as rulePage from "~/routes/app.campaigns.post-purchase.$id";
import * as rulesPage from "~/routes/app.campaigns.post-purchase._index";
import { TEST_SHOP } from "../support/shopify-app";
import { poolWithCodes } from "./matrix-pools";
import { unique, type Handler, type MatrixCase } from "./matrix-support";

/** The rule form as the page posts it: every order, a code from a fresh pool. */
async function ruleForm() {
  const pool = await poolWithCodes(1);
  return {
    name: unique("Matrix rule"),
    codeSource: "pool",
    poolId: String(pool.id),
    validityDays: "30",
    message: "A code for your next order",
    delayDays: "0",
  };
}

async function givenRule(status: "active" | "paused" = "active") {
  const { name, poolId, message } = await ruleForm();
  return prisma.postPurchaseRule.create({ data: { shopDomain: TEST_SHOP, name, poolId: Number(poolId), validityDays: 30, message, status } });
}

const listCase = (intent: "pause" | "resume" | "delete", name: string, audit: string, status: "active" | "paused"): MatrixCase => ({
  name,
  file: "app.campaigns.post-purchase._index.tsx",
  intent,
  handler: rulesPage.action as Handler,
  method: "POST",
  path: () => `/app/campaigns/post-purchase?index&intent=${intent}`,
  permission: "campaign.publish",
  audit,
  setup: async () => ({ params: {}, form: { ruleId: String((await givenRule(status)).id) } }),
});

export const AUTOMATION_CASES: MatrixCase[] = [
  {
    name: "create a post-purchase rule",
    file: "app.campaigns.post-purchase.$id.tsx",
    intent: "save",
    handler: rulePage.action as Handler,
    method: "POST",
    path: () => "/app/campaigns/post-purchase/new?intent=save",
    permission: "campaign.publish",
    audit: "post-purchase.create",
    setup: async () => ({ params: { id: "new" }, form: await ruleForm() }),
  },
  {
    name: "edit a post-purchase rule",
    file: "app.campaigns.post-purchase.$id.tsx",
    intent: "save",
    handler: rulePage.action as Handler,
    method: "POST",
    path: (fixture) => `/app/campaigns/post-purchase/${fixture.params.id}?intent=save`,
    permission: "campaign.publish",
    audit: "post-purchase.update",
    setup: async () => {
      const rule = await givenRule();
      return { params: { id: String(rule.id) }, form: { ...(await ruleForm()), name: unique("Edited rule"), delayDays: "7" } };
    },
  },
  listCase("pause", "pause a post-purchase rule", "post-purchase.pause", "active"),
  listCase("resume", "resume a post-purchase rule", "post-purchase.resume", "paused"),
  listCase("delete", "delete a post-purchase rule", "post-purchase.delete", "active"),
];
