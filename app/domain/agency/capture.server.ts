// Saving a store's campaigns (with their rules, stacking, limits and caps), its discount policy and
// its pools' settings as a playbook. Every value that only means something in this store becomes a
// variable: amounts (in the store's currency), start and end as days after applying, products,
// variants and collections by handle or SKU (read from Shopify), codes and code prefixes.
import type { Campaign } from "@prisma/client";
import type { Database } from "~/db.server";
import { campaignInputOf } from "~/domain/campaigns/campaigns.server";
import { Conflict, InvalidInput, NotFound, onField } from "~/domain/errors";
import { recordAudit } from "~/domain/governance/audit.server";
import { getPolicy } from "~/domain/governance/policy.server";
import type { Staff } from "~/domain/governance/staff.server";
import { findPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { describeResources, type CatalogueResource } from "~/shopify/catalogue-handles.server";
import type { Membership } from "./agencies.server";
import { describePath, replaceAt, storeValues } from "./config-walk";
import {
  PLAYBOOK_FORMAT,
  PLAYBOOK_FORMAT_VERSION,
  readPlaybookDocument,
  type CampaignTemplate,
  type PlaybookDocument,
  type PoolTemplate,
} from "./playbook-document";
import { createPlaybook } from "./playbooks.server";
import type { StoreRef } from "./stores.server";
import { ref, type Variable, type VariableRef } from "./variables";

export interface CaptureChoice {
  name: string;
  description: string;
  campaignIds: number[];
  poolIds: number[];
  includePolicy: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "maxDiscountPerOrder" → "max-discount-per-order": variable keys are lower-case. */
const kebab = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/(^-|-$)/g, "")
    .slice(0, 60) || "campaign";

/** Unique keys from readable bases: "summer-sale", "summer-sale-2". */
class Keys {
  private readonly taken = new Set<string>();

  unique(base: string) {
    let key = base;
    for (let n = 2; this.taken.has(key); n++) key = `${base}-${n}`;
    this.taken.add(key);
    return key;
  }
}

/** Variables gathered while the campaigns become templates: one per product, variant or collection,
 * one per amount, date and code. */
class Variables {
  readonly list: Variable[] = [];
  private readonly keys = new Keys();
  private readonly resources = new Map<string, VariableRef>();

  add(variable: Variable): VariableRef {
    const added = { ...variable, key: this.keys.unique(variable.key) } as Variable;
    this.list.push(added);
    return ref(added.key);
  }

  resource(resource: CatalogueResource): VariableRef {
    const known = this.resources.get(resource.id);
    if (known) return known;
    const added = this.add(
      resource.kind === "variant"
        ? { key: `variant:${slug(resource.sku ?? "")}`, label: resource.title, kind: "variant", sku: resource.sku ?? "" }
        : { key: `${resource.kind}:${slug(resource.handle)}`, label: resource.title, kind: resource.kind, handle: resource.handle },
    );
    this.resources.set(resource.id, added);
    return added;
  }
}

function templateOf(
  campaign: Campaign,
  key: string,
  variables: Variables,
  resources: Map<string, CatalogueResource>,
  poolNames: Map<number, string>,
  now: Date,
): CampaignTemplate {
  const input = campaignInputOf(campaign);
  let config = input.config as unknown as Record<string, unknown>;
  for (const value of storeValues(config)) {
    const replacement =
      value.kind === "id"
        ? variables.resource(resources.get(value.value)!)
        : variables.add({
            key: `${key}.${kebab(value.path.join("-"))}`,
            label: `${campaign.name}: ${describePath(config, value.path)}`,
            kind: "money",
            amount: value.value,
            convert: true,
          });
    config = replaceAt(config, value.path, replacement);
  }
  const money = (field: "budgetDiscount" | "budgetRevenue", label: string) =>
    input[field] === null
      ? null
      : variables.add({ key: `${key}.${kebab(field)}`, label: `${campaign.name}: ${label}`, kind: "money", amount: input[field]!, convert: true });
  // A campaign that already started starts when it is applied; it keeps its length.
  const startDays = Math.max(0, Math.ceil((input.startsAt.getTime() - now.getTime()) / DAY_MS));
  const lengthDays = input.endsAt ? Math.max(1, Math.round((input.endsAt.getTime() - input.startsAt.getTime()) / DAY_MS)) : null;
  return {
    key,
    name: input.name,
    purpose: input.purpose,
    channel: input.channel,
    codeSource: input.codeSource,
    sharedCode:
      input.codeSource === "shared"
        ? variables.add({ key: `${key}.code`, label: `${campaign.name}: code`, kind: "code", value: input.sharedCode ?? "" })
        : null,
    generatedPrefix:
      input.codeSource === "generated"
        ? variables.add({ key: `${key}.code-prefix`, label: `${campaign.name}: code prefix`, kind: "codePrefix", value: input.generatedPrefix ?? "" })
        : null,
    generatedCount: input.codeSource === "generated" ? input.generatedCount : null,
    generatedLength: input.codeSource === "generated" ? input.generatedLength : null,
    poolName: input.codeSource === "pool" && input.poolId !== null ? (poolNames.get(input.poolId) ?? null) : null,
    startsAt: variables.add({ key: `${key}.starts`, label: `${campaign.name}: starts (days after applying)`, kind: "date", daysAfterApply: startDays }),
    endsAt:
      lengthDays === null
        ? null
        : variables.add({ key: `${key}.ends`, label: `${campaign.name}: ends (days after applying)`, kind: "date", daysAfterApply: startDays + lengthDays }),
    usageLimit: input.usageLimit,
    oncePerCustomer: input.oncePerCustomer,
    budgetDiscount: money("budgetDiscount", "budget for discounts given"),
    budgetRevenue: money("budgetRevenue", "revenue goal"),
    budgetRedemptions: input.budgetRedemptions,
    dailyCap: input.dailyCap,
    combinesWithProduct: input.combinesWithProduct,
    combinesWithOrder: input.combinesWithOrder,
    combinesWithShipping: input.combinesWithShipping,
    stackingCategory: input.stackingCategory,
    priority: input.priority,
    config,
  };
}

/** The store's chosen campaigns, pools and policy as a playbook document. */
export async function captureDocument(
  db: Database,
  call: AdminCall,
  store: StoreRef,
  choice: CaptureChoice,
  now: Date = new Date(),
): Promise<PlaybookDocument> {
  if (choice.campaignIds.length === 0 && choice.poolIds.length === 0 && !choice.includePolicy) {
    throw new InvalidInput({ campaigns: "Choose at least one campaign, pool or the discount policy to save." });
  }
  const campaigns = await db.campaign.findMany({
    where: { shopDomain: store.domain, id: { in: choice.campaignIds }, status: { not: "archived" } },
    orderBy: { id: "asc" },
  });
  if (campaigns.length !== new Set(choice.campaignIds).size)
    throw onField(NotFound, "campaigns", "One of the chosen campaigns is not in this store (or was archived). Reload the page and choose again.");

  const ids = campaigns.flatMap((campaign) =>
    storeValues(JSON.parse(campaign.config) as Record<string, unknown>)
      .filter((value) => value.kind === "id")
      .map((value) => value.value),
  );
  const resources = ids.length > 0 ? await describeResources(call, ids) : new Map<string, CatalogueResource>();
  for (const campaign of campaigns) {
    for (const value of storeValues(JSON.parse(campaign.config) as Record<string, unknown>)) {
      const resource = value.kind === "id" ? resources.get(value.value) : undefined;
      if (value.kind === "id" && !resource)
        throw onField(Conflict, "campaigns", `“${campaign.name}” refers to a product, variant or collection Shopify no longer has. Edit its rules first.`);
      if (resource?.kind === "variant" && !resource.sku)
        throw onField(
          Conflict,
          "campaigns",
          `“${campaign.name}” is limited to the variant ${resource.title}, which has no SKU: another store's variant is found by its SKU. Give it one in Shopify, or limit the campaign by product instead.`,
        );
    }
  }

  const poolIds = new Set([
    ...choice.poolIds,
    ...campaigns.flatMap((campaign) => (campaign.codeSource === "pool" && !campaign.ownsPool && campaign.poolId !== null ? [campaign.poolId] : [])),
  ]);
  const pools: PoolTemplate[] = [];
  const poolNames = new Map<number, string>();
  for (const id of poolIds) {
    const pool = await findPool(poolStore(), store.domain, id);
    if (!pool) throw onField(NotFound, "pools", "One of the chosen pools is not in this store. Reload the page and choose again.");
    poolNames.set(pool.id, pool.name);
    pools.push({ name: pool.name, lowStockAlertEnabled: pool.lowStockAlertEnabled, lowStockThreshold: pool.lowStockThreshold });
  }

  const variables = new Variables();
  const campaignKeys = new Keys();
  const templates = campaigns.map((campaign) => templateOf(campaign, campaignKeys.unique(slug(campaign.name)), variables, resources, poolNames, now));
  let policy: PlaybookDocument["policy"] = null;
  if (choice.includePolicy) {
    const { refuseUngovernedCodes: _storeSwitch, maxAmountWithoutApproval, ...rest } = await getPolicy(db, store.domain);
    policy = {
      ...rest,
      maxAmountWithoutApproval:
        maxAmountWithoutApproval === null
          ? null
          : variables.add({
              key: "policy.max-amount",
              label: "Discount policy: largest amount off without approval",
              kind: "money",
              amount: maxAmountWithoutApproval,
              convert: true,
            }),
    };
  }
  const document: PlaybookDocument = {
    format: PLAYBOOK_FORMAT,
    formatVersion: PLAYBOOK_FORMAT_VERSION,
    name: choice.name.trim(),
    description: choice.description.trim(),
    currency: store.currencyCode,
    variables: variables.list,
    campaigns: templates,
    pools,
    policy,
  };
  // What was captured reads back as any imported file would: one set of rules for both.
  const reading = readPlaybookDocument(document);
  if (!reading.ok) throw new InvalidInput({ campaigns: reading.problems.join(" ") });
  return reading.document;
}

/** Captures and saves a new playbook of the member's agency, audited in the store it came from. */
export async function capturePlaybook(
  db: Database,
  call: AdminCall,
  store: StoreRef,
  staff: Staff,
  member: Membership,
  choice: CaptureChoice,
  now: Date = new Date(),
): Promise<{ playbookId: number }> {
  const document = await captureDocument(db, call, store, choice, now);
  const created = await createPlaybook(db, member, document, "captured", store.domain);
  await recordAudit(db, {
    shopDomain: store.domain,
    actor: staff,
    action: "playbook.capture",
    entityType: "playbook",
    entityId: created.playbook.id,
    entityLabel: created.playbook.name,
    before: null,
    after: {
      agency: member.agencyName,
      campaigns: document.campaigns.map((campaign) => campaign.name),
      pools: document.pools.map((pool) => pool.name),
      policy: document.policy !== null,
    },
  });
  return { playbookId: created.playbook.id };
}
