// A playbook's campaigns filled in for one store: every { "$var": key } replaced by the variable's
// value there (an amount, an instant, the store's id for a handle, a code), then read exactly as
// the campaign form reads a campaign, so a playbook can only create what a merchant could have
// typed — with the same messages when something does not fit.
import { inputFormValues, readCampaignForm, type CampaignInput, type FieldErrors, type RequiredFields } from "~/domain/campaigns/campaign-input";
import { droppedExclusion } from "./config-walk";
import type { CampaignTemplate, PlaybookDocument } from "./playbook-document";
import { isResourceKind, isVariableRef, type Variable, type VariableRef } from "./variables";

/** A variable's value in one store: an amount, an instant, an id (null: not found there), a code. */
export type BoundValue = string | Date | null;
export type Binding = ReadonlyMap<string, BoundValue>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant `days` after the playbook is applied. */
export const daysAfter = (appliedAt: Date, days: number) => new Date(appliedAt.getTime() + days * DAY_MS);

/** The campaign fields a store supplies: its owner, and the id of the pool named in the playbook. */
export interface StoreSide {
  owner: { id: number | null; name: string; email: string };
  poolId: number | null;
}

export type Resolution = { ok: true; input: CampaignInput; notFound: string[]; widened: string[] } | { ok: false; notFound: string[]; reason: string };

function boundText(binding: Binding, reference: VariableRef | null): string | null {
  if (!reference) return null;
  const value = binding.get(reference.$var);
  return typeof value === "string" ? value : null;
}

function boundDate(binding: Binding, reference: VariableRef): Date {
  const value = binding.get(reference.$var);
  return value instanceof Date ? value : new Date(Number.NaN);
}

/** The labels of the variables a template uses, by key. */
const labelsOf = (document: PlaybookDocument) => new Map(document.variables.map((variable) => [variable.key, variable.label]));

/**
 * The config with its references replaced. An id the store does not have is left out of its list;
 * a list left empty is dropped when it only excluded things (reported as widened), and otherwise
 * stops the campaign: its rules would cover everything.
 */
function resolveConfig(config: Record<string, unknown>, binding: Binding, labels: Map<string, string>) {
  const notFound = new Set<string>();
  const widened: string[] = [];
  let emptied: string | null = null;
  const fill = (value: unknown, path: (string | number)[]): unknown => {
    if (isVariableRef(value)) {
      // Rules hold amounts and ids only (templateProblems refuses other references there).
      const bound = binding.get(value.$var);
      if (bound === null) notFound.add(value.$var);
      return bound;
    }
    if (Array.isArray(value)) {
      const entries = value.map((entry, index) => fill(entry, [...path, index])).filter((entry) => entry !== null);
      if (entries.length === 0 && value.length > 0) {
        const exclusion = droppedExclusion(path);
        if (exclusion) widened.push(exclusion);
        else emptied ??= path.join(".");
        return undefined;
      }
      return entries;
    }
    if (typeof value === "object" && value !== null) {
      const filled: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        const result = fill(entry, [...path, key]);
        if (result !== undefined) filled[key] = result;
      }
      return filled;
    }
    return value;
  };
  const filled = fill(config, []) as Record<string, unknown>;
  return { config: filled, notFound: [...notFound].map((key) => labels.get(key) ?? key), widened, emptied };
}

/** One of the playbook's campaigns in a store, or why it cannot be made there. */
export function resolveCampaign(document: PlaybookDocument, template: CampaignTemplate, binding: Binding, store: StoreSide): Resolution {
  const labels = labelsOf(document);
  const rules = resolveConfig(template.config, binding, labels);
  if (rules.emptied) {
    return {
      ok: false,
      notFound: rules.notFound,
      reason: `None of the items its rules are limited to (${rules.notFound.join(", ")}) is in this store, so it would discount everything.`,
    };
  }
  const input: CampaignInput = {
    name: template.name,
    ownerStaffId: store.owner.id,
    ownerName: store.owner.name,
    ownerEmail: store.owner.email,
    purpose: template.purpose,
    channel: template.channel,
    config: rules.config as unknown as CampaignInput["config"],
    codeSource: template.codeSource,
    sharedCode: template.codeSource === "shared" ? boundText(binding, template.sharedCode) : null,
    generatedCount: template.codeSource === "generated" ? template.generatedCount : null,
    generatedPrefix: template.codeSource === "generated" ? boundText(binding, template.generatedPrefix) : null,
    generatedLength: template.codeSource === "generated" ? template.generatedLength : null,
    poolId: template.codeSource === "pool" ? store.poolId : null,
    startsAt: boundDate(binding, template.startsAt),
    endsAt: template.endsAt ? boundDate(binding, template.endsAt) : null,
    usageLimit: template.usageLimit,
    oncePerCustomer: template.oncePerCustomer,
    budgetDiscount: boundText(binding, template.budgetDiscount),
    budgetRevenue: boundText(binding, template.budgetRevenue),
    budgetRedemptions: template.budgetRedemptions,
    dailyCap: template.dailyCap,
    combinesWithProduct: template.combinesWithProduct,
    combinesWithOrder: template.combinesWithOrder,
    combinesWithShipping: template.combinesWithShipping,
    stackingCategory: template.stackingCategory,
    priority: template.priority,
  };
  return { ok: true, input, notFound: rules.notFound, widened: rules.widened };
}

/** JSON with sorted keys: two configs compared by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === "object" && !Array.isArray(entry) ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b))) : entry,
  );
}

/** A form field as words ("cond.minimumSubtotal" → "minimum subtotal"), and the rule vocabulary's
 * "expected X, got Y" as what the value needs. */
function plainError(field: string, message: string): string {
  const what = field
    .replace(/^(cond|effect|config)\./, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/\./g, " ")
    .toLowerCase();
  const expected = /^expected (.*), got .*$/.exec(message);
  return expected ? `${what} needs ${expected[1]}.` : message;
}

/**
 * The input as the campaign form would read it in this store (its policy's required fields, its
 * time zone): the same checks, the same messages. Rules the form cannot show are refused, since
 * the campaign's page could not edit them without losing some.
 */
export function checkAsForm(
  input: CampaignInput,
  timeZone: string,
  required: RequiredFields,
): { ok: true; value: CampaignInput } | { ok: false; errors: FieldErrors } {
  const read = readCampaignForm(inputFormValues(input, timeZone), timeZone, required);
  if (!read.ok) return { ok: false, errors: Object.fromEntries(Object.entries(read.errors).map(([field, message]) => [field, plainError(field, message)])) };
  if (canonical(read.value.config) !== canonical(input.config)) {
    return {
      ok: false,
      errors: {
        config:
          "Its rules use more than a campaign's page can show (one effect, the conditions the form lists), so PromoGuard can't take them over as they are.",
      },
    };
  }
  return read;
}

/** Values standing in for a store's, to check a document on its own: amounts as written, ids that look like Shopify's. */
function sampleBinding(variables: Variable[], now: Date): Binding {
  return new Map(
    variables.map((variable, index): [string, BoundValue] => {
      if (variable.kind === "money") return [variable.key, variable.amount];
      if (variable.kind === "date") return [variable.key, daysAfter(now, variable.daysAfterApply)];
      if (isResourceKind(variable.kind)) {
        const type = variable.kind === "collection" ? "Collection" : variable.kind === "product" ? "Product" : "ProductVariant";
        return [variable.key, `gid://shopify/${type}/${index + 1}`];
      }
      return [variable.key, (variable as { value: string }).value];
    }),
  );
}

const NO_REQUIRED_FIELDS: RequiredFields = { owner: false, purpose: false, channel: false };

/** What kind of variable each reference outside the rules must name. */
function referenceKinds(template: CampaignTemplate): [VariableRef | null, Variable["kind"], string][] {
  return [
    [template.sharedCode, "code", "sharedCode"],
    [template.generatedPrefix, "codePrefix", "generatedPrefix"],
    [template.startsAt, "date", "startsAt"],
    [template.endsAt, "date", "endsAt"],
    [template.budgetDiscount, "money", "budgetDiscount"],
    [template.budgetRevenue, "money", "budgetRevenue"],
  ];
}

function referencesIn(value: unknown): string[] {
  if (isVariableRef(value)) return [value.$var];
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(referencesIn);
  return [];
}

/** What a document means that its shape alone does not say: unique keys, references that exist, campaigns a store could take. */
export function templateProblems(document: PlaybookDocument, now: Date = new Date()): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, Variable>();
  for (const variable of document.variables) {
    if (byKey.has(variable.key)) problems.push(`Two variables have the key “${variable.key}”.`);
    byKey.set(variable.key, variable);
  }
  const poolNames = new Set<string>();
  for (const pool of document.pools) {
    if (poolNames.has(pool.name.toLowerCase())) problems.push(`Two pools are named “${pool.name}”.`);
    poolNames.add(pool.name.toLowerCase());
  }
  const campaignKeys = new Set<string>();
  const binding = sampleBinding(document.variables, now);
  for (const template of document.campaigns) {
    const at = `Campaign “${template.name}”`;
    if (campaignKeys.has(template.key)) problems.push(`${at}: another campaign has the key “${template.key}”.`);
    campaignKeys.add(template.key);
    for (const [reference, kind, field] of referenceKinds(template)) {
      if (reference && byKey.get(reference.$var)?.kind !== kind) problems.push(`${at}: ${field} must refer to a variable of kind "${kind}".`);
    }
    for (const name of referencesIn(template.config)) {
      const kind = byKey.get(name)?.kind;
      if (kind !== "money" && !(kind && isResourceKind(kind)))
        problems.push(`${at}: its rules refer to “${name}”, which is not an amount, product, variant or collection variable.`);
    }
    if (template.codeSource === "pool" && !poolNames.has((template.poolName ?? "").toLowerCase()))
      problems.push(`${at}: its codes come from a pool the playbook doesn't list (“${template.poolName ?? ""}”).`);
    if (problems.length > 0) continue;
    const resolved = resolveCampaign(document, template, binding, { owner: { id: null, name: "", email: "" }, poolId: 1 });
    if (!resolved.ok) continue;
    const checked = checkAsForm(resolved.input, "UTC", NO_REQUIRED_FIELDS);
    if (!checked.ok) problems.push(...Object.values(checked.errors).map((message) => `${at}: ${message}`));
  }
  if (document.policy?.maxAmountWithoutApproval && byKey.get(document.policy.maxAmountWithoutApproval.$var)?.kind !== "money") {
    problems.push("The discount policy's largest amount must refer to an amount variable.");
  }
  return problems;
}
