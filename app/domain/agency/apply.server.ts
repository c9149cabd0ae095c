// Applying a playbook version to a store. Nothing is published: every campaign arrives as a draft
// submitted to that store's own approvals (or, for a campaign an earlier version already made, as
// an updated draft or a pending revision of the live one), so the store's Approvers decide. The
// store's ids are found by handle and SKU through its Admin API; what is not found is reported.
// Amounts are converted only where the playbook says so, with the amount typed at apply time.
// The caller has authorized the Shopify user in the target store (stores.server.ts).
import type { Campaign, Playbook, PlaybookVersion } from "@prisma/client";
import type { Database } from "~/db.server";
import { auditValuesOfInput, campaignInputOf } from "~/domain/campaigns/campaigns.server";
import type { CampaignInput } from "~/domain/campaigns/campaign-input";
import { auditDiff, recordAudit } from "~/domain/governance/audit.server";
import { getPolicy, requiredFields, updatePolicy, type Policy } from "~/domain/governance/policy.server";
import { can, whyNot } from "~/domain/governance/roles";
import type { Staff } from "~/domain/governance/staff.server";
import { settle } from "~/domain/errors";
import { createDraft, editPublished, saveDraft, submitDraft } from "~/domain/governance/workflow.server";
import { createPool, findPool, updateAlertSettings } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { findByHandles, findVariantsBySku } from "~/shopify/catalogue-handles.server";
import type { AdminGraphql } from "~/shopify/discounts.server";
import type { Membership } from "./agencies.server";
import type { CampaignTemplate, PlaybookDocument } from "./playbook-document";
import type { StoreRef } from "./stores.server";
import { checkAsForm, daysAfter, resolveCampaign, type Binding, type BoundValue } from "./templates";
import { amountField, isVariableRef, readAmount, type Variable } from "./variables";

export interface ApplyRequest {
  playbook: Playbook;
  version: PlaybookVersion;
  document: PlaybookDocument;
  member: Membership;
  /** The user's staff row in the target store and the store, as authorized. */
  target: { staff: Staff; store: StoreRef };
  /** The target store's Admin API. */
  call: AdminCall;
  admin: AdminGraphql;
  /** Amounts typed at apply time in the store's currency, by variable key (converted variables only). */
  amounts: Record<string, string>;
  includePolicy: boolean;
  now?: Date;
}

export type CampaignOutcome = "created" | "updated" | "revision" | "unchanged" | "skipped";

export type CampaignReport = {
  key: string;
  name: string;
  outcome: CampaignOutcome;
  campaignId: number | null;
  /** Why it was skipped, or what happened, in the merchant's words. */
  detail: string;
  /** Products, variants and collections of its rules the store does not have (left out). */
  notFound: string[];
  /** Exclusions dropped because nothing they named is in the store: the discount covers more. */
  widened: string[];
};

export type ApplyReport = {
  store: { domain: string; name: string; currency: string };
  playbook: { id: number; name: string; version: number };
  appliedAt: string;
  appliedBy: string;
  /** Every product, variant and collection the playbook names, and what it is in this store. */
  resources: { label: string; kind: "collection" | "product" | "variant"; lookedFor: string; found: string | null }[];
  /** Amounts of the playbook and the amount used in this store. */
  amounts: { label: string; playbook: string; store: string; converted: boolean }[];
  campaigns: CampaignReport[];
  pools: { name: string; outcome: "created" | "updated" | "unchanged" }[];
  policy: "applied" | "unchanged" | "not included";
};

export interface ApplyPlan {
  report: ApplyReport;
  /** Problems that stop the apply, keyed by the form field to fix ("amount.<key>", "policy"). */
  errors: Record<string, string>;
  /** What each created or changed campaign will be. */
  inputs: Map<string, CampaignInput>;
  existing: Map<string, Campaign>;
  policyAfter: Policy | null;
}

function referencedKeys(document: PlaybookDocument, includePolicy: boolean): Set<string> {
  const keys = new Set<string>();
  const collect = (value: unknown) => {
    if (isVariableRef(value)) keys.add(value.$var);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
  };
  collect(document.campaigns);
  if (includePolicy) collect(document.policy);
  return keys;
}

/** The money variables the store needs typed in its currency before the playbook can apply. */
export function amountsToConvert(document: PlaybookDocument, storeCurrency: string, includePolicy = true): Extract<Variable, { kind: "money" }>[] {
  if (document.currency === storeCurrency) return [];
  const used = referencedKeys(document, includePolicy);
  return document.variables.filter(
    (variable): variable is Extract<Variable, { kind: "money" }> => variable.kind === "money" && variable.convert && used.has(variable.key),
  );
}

/** The playbook's variables as this store's values: amounts, instants, ids found by handle or SKU, codes. */
async function bindStore(request: ApplyRequest, errors: Record<string, string>) {
  const { document, target, call, amounts } = request;
  const now = request.now ?? new Date();
  const used = referencedKeys(document, request.includePolicy);
  const converting = new Set(amountsToConvert(document, target.store.currencyCode, request.includePolicy).map((variable) => variable.key));
  const lookFor = (kind: Variable["kind"]) => document.variables.filter((variable) => variable.kind === kind && used.has(variable.key));
  const handles = (kind: "collection" | "product") => lookFor(kind).map((variable) => (variable as { handle: string }).handle);
  const [collections, products, variants] = await Promise.all([
    handles("collection").length ? findByHandles(call, "collection", handles("collection")) : new Map<string, { id: string; title: string }>(),
    handles("product").length ? findByHandles(call, "product", handles("product")) : new Map<string, { id: string; title: string }>(),
    lookFor("variant").length
      ? findVariantsBySku(
          call,
          lookFor("variant").map((variable) => (variable as { sku: string }).sku),
        )
      : new Map<string, { id: string; title: string }>(),
  ]);
  const binding = new Map<string, BoundValue>();
  const resources: ApplyReport["resources"] = [];
  const amountRows: ApplyReport["amounts"] = [];
  for (const variable of document.variables) {
    if (!used.has(variable.key)) continue;
    switch (variable.kind) {
      case "money": {
        let amount: string | null = variable.amount;
        if (converting.has(variable.key)) {
          amount = readAmount(amounts[variable.key] ?? "");
          if (amount === null)
            errors[amountField(variable.key)] =
              `Enter the amount in ${target.store.currencyCode} for “${variable.label}” (${variable.amount} ${document.currency} in the playbook).`;
        }
        binding.set(variable.key, amount);
        amountRows.push({
          label: variable.label,
          playbook: `${variable.amount} ${document.currency}`,
          store: amount === null ? "—" : `${amount} ${target.store.currencyCode}`,
          converted: converting.has(variable.key),
        });
        break;
      }
      case "date":
        binding.set(variable.key, daysAfter(now, variable.daysAfterApply));
        break;
      case "collection":
      case "product":
      case "variant": {
        const lookedFor = variable.kind === "variant" ? variable.sku : variable.handle;
        const found = (variable.kind === "collection" ? collections : variable.kind === "product" ? products : variants).get(lookedFor) ?? null;
        binding.set(variable.key, found?.id ?? null);
        resources.push({ label: variable.label, kind: variable.kind, lookedFor, found: found?.title ?? null });
        break;
      }
      case "code":
      case "codePrefix":
        binding.set(variable.key, variable.value);
        break;
    }
  }
  return { binding: binding as Binding, resources, amountRows };
}

/** The existing campaign keeps what is the store's own: its owner, codes and schedule. */
function keepStoreOwn(input: CampaignInput, existing: Campaign): CampaignInput {
  const own = campaignInputOf(existing);
  return {
    ...input,
    ownerStaffId: own.ownerStaffId,
    ownerName: own.ownerName,
    ownerEmail: own.ownerEmail,
    codeSource: own.codeSource,
    sharedCode: own.sharedCode,
    generatedCount: own.generatedCount,
    generatedPrefix: own.generatedPrefix,
    generatedLength: own.generatedLength,
    poolId: own.poolId,
    startsAt: own.startsAt,
    endsAt: own.endsAt,
  };
}

const changes = (a: CampaignInput, b: CampaignInput) => Object.keys(auditDiff(auditValuesOfInput(a), auditValuesOfInput(b))).length > 0;

function policyOf(document: PlaybookDocument, binding: Binding, current: Policy): Policy | null {
  if (!document.policy) return null;
  const { maxAmountWithoutApproval, ...rest } = document.policy;
  const amount = maxAmountWithoutApproval ? binding.get(maxAmountWithoutApproval.$var) : null;
  return { ...rest, maxAmountWithoutApproval: typeof amount === "string" ? amount : null, refuseUngovernedCodes: current.refuseUngovernedCodes };
}

/** What applying would do, checked in full; nothing is written. */
export async function planApplication(db: Database, request: ApplyRequest): Promise<ApplyPlan> {
  const { document, target, playbook, version } = request;
  const shopDomain = target.store.domain;
  const errors: Record<string, string> = {};
  const { binding, resources, amountRows } = await bindStore(request, errors);

  const current = await getPolicy(db, shopDomain);
  let policyAfter: Policy | null = null;
  if (request.includePolicy) {
    if (!document.policy) errors.policy = "This playbook holds no discount policy.";
    else if (!can(target.staff.role, "policy.manage")) errors.policy = whyNot(target.staff.role, "policy.manage", target.store.name)!;
    else policyAfter = policyOf(document, binding, current);
  }
  const required = requiredFields(policyAfter ?? current);

  const poolRows = await db.couponPool.findMany({ where: { shopDomain, nameKey: { in: document.pools.map((pool) => pool.name.toLowerCase()) } } });
  const poolsByKey = new Map(poolRows.map((pool) => [pool.nameKey, pool]));
  const pools: ApplyReport["pools"] = document.pools.map((pool) => {
    const existing = poolsByKey.get(pool.name.toLowerCase());
    if (!existing) return { name: pool.name, outcome: "created" };
    const same = existing.lowStockAlertEnabled === pool.lowStockAlertEnabled && existing.lowStockThreshold === pool.lowStockThreshold;
    return { name: existing.name, outcome: same ? "unchanged" : "updated" };
  });

  const existingRows = await db.campaign.findMany({ where: { shopDomain, playbookId: playbook.id, status: { not: "archived" } }, orderBy: { id: "asc" } });
  const existing = new Map<string, Campaign>();
  for (const row of existingRows) if (row.playbookEntry && !existing.has(row.playbookEntry)) existing.set(row.playbookEntry, row);

  const inputs = new Map<string, CampaignInput>();
  const campaigns = document.campaigns.map((template: CampaignTemplate): CampaignReport => {
    const earlier = existing.get(template.key) ?? null;
    const base = { key: template.key, name: template.name, campaignId: earlier?.id ?? null };
    const pool = template.poolName ? poolsByKey.get(template.poolName.toLowerCase()) : undefined;
    const resolved = resolveCampaign(document, template, binding, {
      owner: { id: target.staff.id, name: target.staff.name, email: target.staff.email },
      // A pool the apply creates has no id yet; any id passes the form's reading.
      poolId: template.codeSource === "pool" ? (pool?.id ?? 0) : null,
    });
    if (!resolved.ok) return { ...base, outcome: "skipped", detail: resolved.reason, notFound: resolved.notFound, widened: [] };
    const input = earlier ? keepStoreOwn(resolved.input, earlier) : resolved.input;
    const checked = checkAsForm(input, target.store.timeZone, required);
    if (!checked.ok)
      return {
        ...base,
        outcome: "skipped",
        detail: `Not created: ${Object.values(checked.errors).join(" ")}`,
        notFound: resolved.notFound,
        widened: resolved.widened,
      };
    const notes = { notFound: resolved.notFound, widened: resolved.widened };
    if (!earlier) {
      inputs.set(template.key, input);
      return {
        ...base,
        ...notes,
        outcome: "created",
        detail: `New draft, submitted for this store's approval.${template.codeSource === "pool" && !pool ? ` Its pool “${template.poolName}” is created empty: import its codes before it goes live.` : ""}`,
      };
    }
    if (!changes(campaignInputOf(earlier), input)) {
      return { ...base, ...notes, outcome: "unchanged", detail: `Already as version ${version.version} has it.` };
    }
    inputs.set(template.key, input);
    return earlier.shopifyDiscountId
      ? {
          ...base,
          ...notes,
          outcome: "revision",
          detail: "Live: the changes wait as a revision for this store's approval; the live campaign runs unchanged until then. It keeps its codes and dates.",
        }
      : { ...base, ...notes, outcome: "updated", detail: "Draft updated and submitted again for this store's approval. It keeps its codes and dates." };
  });

  const policyChanged = policyAfter !== null && Object.keys(auditDiff({ ...current }, { ...policyAfter })).length > 0;
  return {
    report: {
      store: { domain: shopDomain, name: target.store.name, currency: target.store.currencyCode },
      playbook: { id: playbook.id, name: playbook.name, version: version.version },
      appliedAt: (request.now ?? new Date()).toISOString(),
      appliedBy: request.member.name,
      resources,
      amounts: amountRows,
      campaigns,
      pools,
      policy: !request.includePolicy ? "not included" : policyChanged ? "applied" : "unchanged",
    },
    errors,
    inputs,
    existing,
    policyAfter,
  };
}

/** Applied, or refused before anything changed: the problems by field, and the report of what it would have done. */
export type ApplyResult = { ok: true; report: ApplyReport } | { ok: false; errors: Record<string, string>; report: ApplyReport };

/** Applies the playbook version: pools, policy, then each campaign through the store's workflow. */
export async function applyPlaybook(db: Database, request: ApplyRequest): Promise<ApplyResult> {
  const plan = await planApplication(db, request);
  if (Object.keys(plan.errors).length > 0) return { ok: false, errors: plan.errors, report: plan.report };
  const { report } = plan;
  const { staff, store } = request.target;
  const { playbook, version } = request;
  const shopDomain = store.domain;
  const audit = (
    action: string,
    entityType: string,
    entityId: string | number,
    entityLabel: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ) =>
    recordAudit(db, {
      shopDomain,
      actor: staff,
      action,
      entityType,
      entityId,
      entityLabel,
      before,
      after,
      reason: `Playbook “${playbook.name}” version ${version.version}`,
    });

  const poolIds = new Map<string, number>();
  for (const template of request.document.pools) {
    const row = await db.couponPool.findFirst({ where: { shopDomain, nameKey: template.name.toLowerCase() } });
    const settings = { enabled: template.lowStockAlertEnabled, threshold: template.lowStockThreshold };
    if (!row) {
      const pool = await createPool(poolStore(), shopDomain, template.name);
      await updateAlertSettings(poolStore(), pool, settings);
      await audit("pool.create", "pool", pool.id, pool.name, null, {
        name: pool.name,
        lowStockAlertEnabled: settings.enabled,
        lowStockThreshold: settings.threshold,
      });
      poolIds.set(template.name.toLowerCase(), pool.id);
      continue;
    }
    poolIds.set(row.nameKey, row.id);
    if (row.lowStockAlertEnabled !== settings.enabled || row.lowStockThreshold !== settings.threshold) {
      const pool = (await findPool(poolStore(), shopDomain, row.id))!;
      await updateAlertSettings(poolStore(), pool, settings);
      await audit(
        "pool.alerts",
        "pool",
        pool.id,
        pool.name,
        { lowStockAlertEnabled: row.lowStockAlertEnabled, lowStockThreshold: row.lowStockThreshold },
        { lowStockAlertEnabled: settings.enabled, lowStockThreshold: settings.threshold },
      );
    }
  }
  if (plan.policyAfter && report.policy === "applied") await updatePolicy(db, shopDomain, staff, plan.policyAfter);

  const note = `Applied from the playbook “${playbook.name}” (version ${version.version}) by ${request.member.name}.`;
  const origin = { playbookId: playbook.id, playbookVersion: version.version };
  for (const entry of report.campaigns) {
    const template = request.document.campaigns.find((candidate) => candidate.key === entry.key)!;
    const earlier = plan.existing.get(entry.key);
    if (entry.outcome === "unchanged" && earlier) {
      await db.campaign.update({ where: { id: earlier.id }, data: { playbookVersion: version.version } });
      continue;
    }
    const planned = plan.inputs.get(entry.key);
    if (!planned) continue;
    const input = template.codeSource === "pool" && !earlier ? { ...planned, poolId: poolIds.get((template.poolName ?? "").toLowerCase()) ?? null } : planned;
    if (entry.outcome === "created") {
      const created = await settle(createDraft(db, staff, input));
      if (!created.ok) {
        Object.assign(entry, { outcome: "skipped", detail: `Not created: ${created.error.message}` });
        continue;
      }
      const campaign = await db.campaign.update({ where: { id: created.value.campaign.id }, data: { ...origin, playbookEntry: entry.key } });
      await settle(submitDraft(db, staff, campaign, note));
      entry.campaignId = campaign.id;
    } else if (entry.outcome === "updated" && earlier) {
      const saved = await settle(saveDraft(db, staff, earlier, input));
      if (!saved.ok) {
        Object.assign(entry, { outcome: "skipped", detail: `Not updated: ${saved.error.message}` });
        continue;
      }
      const campaign = await db.campaign.update({ where: { id: earlier.id }, data: { playbookVersion: version.version } });
      await settle(submitDraft(db, staff, campaign, note));
    } else if (entry.outcome === "revision" && earlier) {
      const edited = await settle(editPublished({ db, staff, admin: request.admin }, earlier, input, { note, asRequest: true }));
      if (!edited.ok || edited.value.applied) {
        Object.assign(entry, { outcome: "skipped", detail: `No revision: ${edited.ok ? "it was applied directly." : edited.error.message}` });
        continue;
      }
      await db.approvalRequest.update({ where: { id: edited.value.request.id }, data: { playbookVersion: version.version } });
    }
  }

  await db.playbookApplication.create({
    data: { playbookId: playbook.id, version: version.version, shopDomain, actorUserId: request.member.userId, actorName: request.member.name, report },
  });
  const count = (outcome: CampaignOutcome) => report.campaigns.filter((entry) => entry.outcome === outcome).length;
  await audit("playbook.apply", "playbook", playbook.id, `${playbook.name} (version ${version.version})`, null, {
    agency: request.member.agencyName,
    version: version.version,
    created: count("created"),
    updated: count("updated"),
    revisions: count("revision"),
    skipped: report.campaigns.filter((entry) => entry.outcome === "skipped").map((entry) => entry.name),
    notFound: report.resources.filter((resource) => resource.found === null).map((resource) => resource.label),
    policy: report.policy,
  });
  return { ok: true, report };
}
