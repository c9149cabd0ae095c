import { beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DEFAULT_POLICY, evaluatePolicy, getPolicy, readPolicyForm, updatePolicy, type Policy } from "~/domain/governance/policy.server";
import { OTHER_SHOP, TEST_SHOP, installShop, testStaff } from "../support/shopify-app";
import { campaignInput } from "../campaigns/support";

const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...DEFAULT_POLICY, ...overrides });
const messages = (p: Policy, input: Parameters<typeof evaluatePolicy>[1]) => evaluatePolicy(p, input).map((violation) => violation.message);

describe("evaluating a campaign against the policy", () => {
  it("says in the merchant's words why a deep discount needs approval", () => {
    const input = campaignInput({ config: { version: 1, effects: [{ type: "percentage", percentage: 40, appliesTo: "order" }] } });
    expect(messages(policy({ maxPercentWithoutApproval: 25 }), input)).toEqual(["40% off is above the 25% a Manager may publish without approval."]);
    expect(messages(policy({ maxPercentWithoutApproval: 40 }), input)).toEqual([]);
    expect(messages(policy({ maxPercentWithoutApproval: null }), input)).toEqual([]);
  });

  it("reads the deepest tier and buy-X-get-Y percentages and the largest fixed amount", () => {
    const tiers = campaignInput({
      config: {
        version: 1,
        effects: [
          {
            type: "tiers",
            basis: "quantity",
            tiers: [
              { from: 2, percentage: 10 },
              { from: 5, percentage: 30 },
            ],
          },
        ],
      },
    });
    expect(messages(policy(), tiers)).toEqual(["30% off is above the 25% a Manager may publish without approval."]);
    const bogo = campaignInput({ config: { version: 1, effects: [{ type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 }] } });
    expect(messages(policy(), bogo)).toEqual(["100% off is above the 25% a Manager may publish without approval."]);
    const fixed = campaignInput({ config: { version: 1, effects: [{ type: "fixedAmount", amount: "30.00", per: "order" }] } });
    expect(messages(policy({ maxAmountWithoutApproval: "20.00" }), fixed)).toEqual(["30.00 off is above the 20.00 a Manager may publish without approval."]);
    expect(messages(policy({ maxAmountWithoutApproval: "30.00" }), fixed)).toEqual([]);
  });

  it("counts the deeper percentage an overstock rule gives, and free shipping from the effect's class", () => {
    const overstock = campaignInput({ config: { version: 1, effects: [{ type: "percentage", percentage: 10, overstock: { above: 100, percentage: 40 } }] } });
    expect(messages(policy(), overstock)).toEqual(["40% off is above the 25% a Manager may publish without approval."]);
    const shipping = campaignInput({ config: { version: 1, effects: [{ type: "freeShipping", maxShippingRate: "10.00" }] } });
    expect(messages(policy({ freeShippingNeedsApproval: true }), shipping)).toEqual(["It gives free shipping, which needs approval."]);
  });

  it("flags a missing end date, a long campaign, free shipping, unlimited use and an ungated shared code", () => {
    const open = campaignInput({ endsAt: null });
    expect(messages(policy({ requireEndDate: true }), open)).toEqual(["It has no end date: open-ended campaigns need approval."]);
    expect(messages(policy({ requireEndDate: false }), open)).toEqual([]);

    const long = campaignInput({ startsAt: new Date("2026-01-01T00:00:00Z"), endsAt: new Date("2026-04-01T00:00:00Z") });
    expect(messages(policy({ maxDurationDays: 30 }), long)).toEqual(["It runs 90 days, longer than the 30 days allowed without approval."]);
    expect(messages(policy({ maxDurationDays: 90 }), long)).toEqual([]);

    const shipping = campaignInput({ config: { version: 1, effects: [{ type: "freeShipping" }] } });
    expect(messages(policy(), shipping)).toEqual(["It gives free shipping, which needs approval."]);
    expect(messages(policy({ freeShippingNeedsApproval: false }), shipping)).toEqual([]);

    const unlimited = campaignInput({ usageLimit: null });
    expect(messages(policy({ unlimitedUseNeedsApproval: true }), unlimited)).toEqual(["It has no total usage limit, which needs approval."]);
    expect(messages(policy(), unlimited)).toEqual([]);

    const ungated = campaignInput();
    const gated = campaignInput({ config: { version: 1, customerTagsAny: ["vip"], effects: [{ type: "percentage", percentage: 10 }] } });
    const pooled = campaignInput({ codeSource: "pool", sharedCode: null, poolId: 1 });
    const strict = policy({ ungatedNeedsApproval: true });
    expect(messages(strict, ungated)).toEqual(["Its shared code works for any customer (no customer condition), which needs approval."]);
    expect(messages(strict, gated)).toEqual([]);
    expect(messages(strict, pooled)).toEqual([]);
  });

  it("lists every broken rule at once", () => {
    const input = campaignInput({ endsAt: null, config: { version: 1, effects: [{ type: "percentage", percentage: 50 }, { type: "freeShipping" }] } });
    expect(evaluatePolicy(policy(), input).map((violation) => violation.rule)).toEqual([
      "maxPercentWithoutApproval",
      "requireEndDate",
      "freeShippingNeedsApproval",
    ]);
  });
});

describe("the settings form", () => {
  it("reads limits and switches, empty meaning no limit, and names each bad field", () => {
    const read = readPolicyForm(
      {
        maxPercentWithoutApproval: "30",
        maxAmountWithoutApproval: "15",
        maxDurationDays: "",
        maxCombinedDepthPercent: "",
        requireEndDate: "true",
        requireOwner: "true",
      },
      policy({ refuseUngovernedCodes: true }),
    );
    expect(read).toEqual({
      ok: true,
      value: {
        maxPercentWithoutApproval: 30,
        maxAmountWithoutApproval: "15.00",
        maxDurationDays: null,
        maxCombinedDepthPercent: null,
        requireEndDate: true,
        freeShippingNeedsApproval: false,
        unlimitedUseNeedsApproval: false,
        ungatedNeedsApproval: false,
        requireOwner: true,
        requirePurpose: false,
        requireChannel: false,
        refuseUngovernedCodes: true,
      },
    });
    const bad = readPolicyForm(
      { maxPercentWithoutApproval: "150", maxAmountWithoutApproval: "abc", maxDurationDays: "0", maxCombinedDepthPercent: "-5" },
      policy(),
    );
    expect(bad).toEqual({
      ok: false,
      errors: {
        maxPercentWithoutApproval: "The largest percentage off must be a percentage above 0 and at most 100 (e.g. 25), or empty for no limit.",
        maxCombinedDepthPercent: "The deepest combined discount must be a percentage above 0 and at most 100 (e.g. 25), or empty for no limit.",
        maxAmountWithoutApproval: 'The largest amount off must be an amount above 0 like "20.00", or empty for no limit.',
        maxDurationDays: "The longest campaign must be a whole number of days from 1 to 9999, or empty for no limit.",
      },
    });
  });
});

describe("storing the policy", () => {
  beforeAll(async () => {
    await installShop(TEST_SHOP);
    await installShop(OTHER_SHOP);
  });

  it("gives a shop without a policy the defaults, and saves one shop's policy without touching another's, audited with before and after", async () => {
    expect(await getPolicy(prisma, TEST_SHOP)).toEqual(DEFAULT_POLICY);
    const owner = await testStaff("owner");
    const saved = await updatePolicy(prisma, TEST_SHOP, owner, policy({ maxPercentWithoutApproval: 15, maxAmountWithoutApproval: "10.00" }));
    expect(saved.maxPercentWithoutApproval).toBe(15);
    expect(await getPolicy(prisma, TEST_SHOP)).toEqual(policy({ maxPercentWithoutApproval: 15, maxAmountWithoutApproval: "10.00" }));
    expect(await getPolicy(prisma, OTHER_SHOP)).toEqual(DEFAULT_POLICY);

    const entries = await prisma.auditEntry.findMany({ where: { shopDomain: TEST_SHOP, action: "policy.update" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: owner.id, actorName: "Olivia Owner", entityType: "policy", entityId: TEST_SHOP });
    expect(entries[0].diff).toEqual({
      maxPercentWithoutApproval: { before: 25, after: 15 },
      maxAmountWithoutApproval: { before: null, after: "10.00" },
    });
  });
});
