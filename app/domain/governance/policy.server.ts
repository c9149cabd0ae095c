// The shop's discount policy: what a Manager may publish without approval, and the fields every
// campaign must carry. One row per shop; a shop without a row gets DEFAULT_POLICY, so a fresh
// install is governed from the first campaign.
import type { GovernancePolicy as PolicyRow } from "@prisma/client";
import { effectDefinition } from "promo-discount/config";
import type { CampaignConfig, Effect } from "promo-discount/config";
import type { z } from "zod";
import type { Database } from "~/db.server";
import type { CampaignInput, FieldErrors } from "~/domain/campaigns/campaign-input";
import { readForm } from "~/domain/form-schema";
import { recordAudit } from "./audit.server";
import { policyFormSchema } from "./policy-form";
import type { Actor } from "./staff.server";

export interface Policy {
  /** Largest percentage off a Manager may publish without approval; null = no limit. */
  maxPercentWithoutApproval: number | null;
  /** Largest fixed amount off (shop currency, "20.00") without approval; null = no limit. */
  maxAmountWithoutApproval: string | null;
  requireEndDate: boolean;
  maxDurationDays: number | null;
  freeShippingNeedsApproval: boolean;
  unlimitedUseNeedsApproval: boolean;
  ungatedNeedsApproval: boolean;
  requireOwner: boolean;
  requirePurpose: boolean;
  requireChannel: boolean;
  /** Deepest combined discount on one item across stacking campaigns, percent; null = no limit. */
  maxCombinedDepthPercent: number | null;
  /** Kept here because it lives in the same row; the ungoverned-codes screen owns its meaning. */
  refuseUngovernedCodes: boolean;
}

/** The policy of a shop that never changed it: deep or open-ended discounts need an Approver. */
export const DEFAULT_POLICY: Policy = {
  maxPercentWithoutApproval: 25,
  maxAmountWithoutApproval: null,
  requireEndDate: true,
  maxDurationDays: null,
  freeShippingNeedsApproval: true,
  unlimitedUseNeedsApproval: false,
  ungatedNeedsApproval: false,
  requireOwner: true,
  requirePurpose: true,
  requireChannel: true,
  maxCombinedDepthPercent: 50,
  refuseUngovernedCodes: false,
};

function fromRow(row: PolicyRow): Policy {
  return {
    maxPercentWithoutApproval: row.maxPercentWithoutApproval,
    maxAmountWithoutApproval: row.maxAmountWithoutApproval === null ? null : row.maxAmountWithoutApproval.toFixed(2),
    requireEndDate: row.requireEndDate,
    maxDurationDays: row.maxDurationDays,
    freeShippingNeedsApproval: row.freeShippingNeedsApproval,
    unlimitedUseNeedsApproval: row.unlimitedUseNeedsApproval,
    ungatedNeedsApproval: row.ungatedNeedsApproval,
    requireOwner: row.requireOwner,
    requirePurpose: row.requirePurpose,
    requireChannel: row.requireChannel,
    maxCombinedDepthPercent: row.maxCombinedDepthPercent,
    refuseUngovernedCodes: row.refuseUngovernedCodes,
  };
}

export async function getPolicy(db: Database, shopDomain: string): Promise<Policy> {
  const row = await db.governancePolicy.findUnique({ where: { shopDomain } });
  return row ? fromRow(row) : { ...DEFAULT_POLICY };
}

/** Saves the whole policy (the Owner's settings form) and records before/after in the audit trail. */
export async function updatePolicy(db: Database, shopDomain: string, actor: Actor, next: Policy): Promise<Policy> {
  const before = await getPolicy(db, shopDomain);
  const row = await db.governancePolicy.upsert({ where: { shopDomain }, create: { shopDomain, ...next }, update: { ...next } });
  const after = fromRow(row);
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "policy.update",
    entityType: "policy",
    entityId: shopDomain,
    entityLabel: "Discount policy",
    before: { ...before },
    after: { ...after },
  });
  return after;
}

// ---------------------------------------------------------------------------------------------
// The settings form

export type PolicyFormValues = Record<string, string>;

const POLICY_FLAGS = [
  "requireEndDate",
  "freeShippingNeedsApproval",
  "unlimitedUseNeedsApproval",
  "ungatedNeedsApproval",
  "requireOwner",
  "requirePurpose",
  "requireChannel",
] as const;

export function policyFormValues(policy: Policy): PolicyFormValues {
  const values: PolicyFormValues = {
    maxPercentWithoutApproval: policy.maxPercentWithoutApproval?.toString() ?? "",
    maxAmountWithoutApproval: policy.maxAmountWithoutApproval ?? "",
    maxDurationDays: policy.maxDurationDays?.toString() ?? "",
    maxCombinedDepthPercent: policy.maxCombinedDepthPercent?.toString() ?? "",
  };
  for (const flag of POLICY_FLAGS) values[flag] = policy[flag] ? "true" : "";
  return values;
}

/** The settings form → a policy, or every problem keyed by field, with the form's own schema
 * (policy-form.ts, the one the page checks with before posting). Empty limits mean "no limit". */
export function readPolicyForm(values: PolicyFormValues, current: Policy): { ok: true; value: Policy } | { ok: false; errors: FieldErrors } {
  const read = readForm(policyFormSchema, values);
  return read.ok ? { ok: true, value: policyFromForm(read.value, current) } : read;
}

/** The policy the settings form says, as its schema read it (what the form does not show is kept). */
export function policyFromForm(form: z.output<typeof policyFormSchema>, current: Policy): Policy {
  const { maxPercentWithoutApproval, maxCombinedDepthPercent, maxAmountWithoutApproval, maxDurationDays, ...flags } = form;
  return {
    ...flags,
    maxPercentWithoutApproval: maxPercentWithoutApproval ?? null,
    maxAmountWithoutApproval: maxAmountWithoutApproval ?? null,
    maxDurationDays: maxDurationDays ?? null,
    maxCombinedDepthPercent: maxCombinedDepthPercent ?? null,
    refuseUngovernedCodes: current.refuseUngovernedCodes,
  };
}

// ---------------------------------------------------------------------------------------------
// Evaluating a campaign against the policy

export interface PolicyViolation {
  /** The policy setting broken, e.g. "maxPercentWithoutApproval"; "playbookOrigin" for a playbook's
   * campaign that this store has not approved yet (app/domain/agency/origin.server.ts). */
  rule: keyof Policy | "playbookOrigin";
  /** What the merchant reads on the campaign and approvals pages. */
  message: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const definitionOf = (effect: Effect) => effectDefinition(effect.type)!;

/** The deepest percentage any effect gives, as each effect's definition lists them. */
export function deepestPercent(config: CampaignConfig): number | null {
  const percents = config.effects.flatMap((effect) => definitionOf(effect).percentages(effect));
  return percents.length > 0 ? Math.max(...percents) : null;
}

/** The largest fixed amount any effect takes off, as each effect's definition lists them. */
export function largestAmount(config: CampaignConfig): number | null {
  const amounts = config.effects.flatMap((effect) => definitionOf(effect).amounts(effect));
  return amounts.length > 0 ? Math.max(...amounts) : null;
}

/** Conditions that limit who may use a code; a shared code with none of them is open to anyone. */
function gatesCustomers(config: CampaignConfig): boolean {
  return Boolean(config.customerTagsAny?.length || config.customerTagsAll?.length || config.firstOrder || config.returningCustomer || config.b2b === "only");
}

const formatPercent = (value: number) => `${Number(value.toFixed(2))}%`;
const formatAmount = (value: number | string) => Number(value).toFixed(2);

/**
 * The policy rules this campaign breaks, in the merchant's words. Empty means a Manager may
 * publish it; otherwise it needs an Approver (who may publish it directly, or approve a request).
 */
export function evaluatePolicy(policy: Policy, input: CampaignInput): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const percent = deepestPercent(input.config);
  if (policy.maxPercentWithoutApproval !== null && percent !== null && percent > policy.maxPercentWithoutApproval) {
    violations.push({
      rule: "maxPercentWithoutApproval",
      message: `${formatPercent(percent)} off is above the ${formatPercent(policy.maxPercentWithoutApproval)} a Manager may publish without approval.`,
    });
  }
  const amount = largestAmount(input.config);
  if (policy.maxAmountWithoutApproval !== null && amount !== null && amount > Number(policy.maxAmountWithoutApproval)) {
    violations.push({
      rule: "maxAmountWithoutApproval",
      message: `${formatAmount(amount)} off is above the ${formatAmount(policy.maxAmountWithoutApproval)} a Manager may publish without approval.`,
    });
  }
  if (policy.requireEndDate && input.endsAt === null) {
    violations.push({ rule: "requireEndDate", message: "It has no end date: open-ended campaigns need approval." });
  }
  if (policy.maxDurationDays !== null && input.endsAt !== null) {
    const days = Math.ceil((input.endsAt.getTime() - input.startsAt.getTime()) / DAY_MS);
    if (days > policy.maxDurationDays) {
      violations.push({ rule: "maxDurationDays", message: `It runs ${days} days, longer than the ${policy.maxDurationDays} days allowed without approval.` });
    }
  }
  if (policy.freeShippingNeedsApproval && input.config.effects.some((effect) => definitionOf(effect).discountClass(effect) === "SHIPPING")) {
    violations.push({ rule: "freeShippingNeedsApproval", message: "It gives free shipping, which needs approval." });
  }
  if (policy.unlimitedUseNeedsApproval && input.usageLimit === null) {
    violations.push({ rule: "unlimitedUseNeedsApproval", message: "It has no total usage limit, which needs approval." });
  }
  if (policy.ungatedNeedsApproval && input.codeSource === "shared" && !gatesCustomers(input.config)) {
    violations.push({ rule: "ungatedNeedsApproval", message: "Its shared code works for any customer (no customer condition), which needs approval." });
  }
  return violations;
}

/** The fields this policy makes required, for the campaign form reader. */
export function requiredFields(policy: Policy) {
  return { owner: policy.requireOwner, purpose: policy.requirePurpose, channel: policy.requireChannel };
}
