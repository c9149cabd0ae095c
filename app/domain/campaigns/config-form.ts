// The campaign form's rule fields, built from the function's own registry (promo-discount/config):
// each condition argument and effect argument becomes one form field named after its config
// key, form text is turned into config values by the argument's kind, and the validator's issue
// paths are mapped back to those fields. No rule is restated here.
import { CONDITIONS, EFFECTS, effectDefinition } from "promo-discount/config";
import type { ArgSchema, CampaignConfig, ConditionDefinition, ConfigIssue } from "promo-discount/config";

export type FormValues = Record<string, string>;

/** The campaign's own start and end dates are the discount's active period, set once. */
const DATES_SET_ON_THE_DISCOUNT = new Set(["startsAt", "endsAt"]);

export const FORM_CONDITIONS: readonly ConditionDefinition[] = CONDITIONS.filter(
  (condition) => !condition.keys.some((key) => DATES_SET_ON_THE_DISCOUNT.has(key)),
);

export const CONDITION_FIELD = (key: string) => `cond.${key}`;
export const EFFECT_FIELD = (name: string) => `effect.${name}`;
export const EFFECT_TYPE_FIELD = EFFECT_FIELD("type");
export const MESSAGE_FIELD = "config.message";
export const MAX_DISCOUNT_FIELD = "config.maxDiscountPerOrder";
/** Problems that concern the config as a whole (its size, for example). */
export const CONFIG_FIELD = "config";

/** An object of plain values (a deeper discount's threshold and percentage) is asked for one field per key. */
function isFlatObject(schema: ArgSchema<unknown>): boolean {
  return schema.kind === "object" && Object.values(schema.fields ?? {}).every((field) => field.kind !== "object" && field.kind !== "list");
}

/**
 * The arguments of an effect type the form asks for (everything but `type`); a flat object's keys
 * come as "overstock.above", "overstock.percentage".
 */
export function effectArguments(type: string): [string, ArgSchema<unknown>][] {
  const fields = effectDefinition(type)?.schema.fields ?? {};
  return Object.entries(fields)
    .filter(([name]) => name !== "type")
    .flatMap(([name, schema]): [string, ArgSchema<unknown>][] =>
      isFlatObject(schema) ? Object.entries(schema.fields!).map(([key, field]) => [`${name}.${key}`, field]) : [[name, schema]],
    );
}

export const EFFECT_CHOICES = EFFECTS.map((effect) => ({ value: effect.type, label: effect.label }));

/** Arguments with structure (tiers, a buy scope) are edited as JSON. */
export function isStructured(schema: ArgSchema<unknown>): boolean {
  return schema.kind === "object" || (schema.kind === "list" && schema.item?.kind === "object");
}

/** A list typed one entry per line (or comma-separated), as the form stores option lists too. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Form text → config value, by the argument's kind; undefined leaves the key out. */
function parseValue(text: string | undefined, schema: ArgSchema<unknown>, field: string, issues: FieldIssue[]): unknown {
  const raw = (text ?? "").trim();
  if (raw === "") return undefined;
  // Text the form could not read: what to do about it, in the merchant's words.
  const json = (unreadable: string) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      issues.push({ field, message: unreadable });
      return undefined;
    }
  };
  if (isStructured(schema)) return json("This setting couldn't be read: check its brackets, commas and quotes, or clear it and enter it again.");
  switch (schema.kind) {
    case "list":
      // The resource picker writes id lists as JSON; typed by hand they are one per line.
      return schema.item?.kind === "id" && raw.startsWith("[") ? json("This list couldn't be read: clear it and choose the items again.") : splitList(raw);
    case "integer":
    case "percentage":
      return Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case "flag":
      return raw === "true" ? true : undefined;
    default:
      return raw;
  }
}

/** Config value → form text (the inverse of parseValue). */
function formatValue(value: unknown, schema: ArgSchema<unknown>): string {
  if (value === undefined) return "";
  if (isStructured(schema)) return JSON.stringify(value);
  if (schema.kind === "list") return schema.item?.kind === "id" ? JSON.stringify(value) : (value as string[]).join("\n");
  return String(value);
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Builds the config document from the form; JSON that does not parse is reported per field. */
export function configFromForm(values: FormValues): { config: Record<string, unknown>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const config: Record<string, unknown> = { version: 1 };
  for (const condition of FORM_CONDITIONS) {
    for (const key of condition.keys) {
      const value = parseValue(values[CONDITION_FIELD(key)], condition.args[key]!, CONDITION_FIELD(key), issues);
      if (value !== undefined) config[key] = value;
    }
  }
  const type = values[EFFECT_TYPE_FIELD] ?? "";
  const effect: Record<string, unknown> = { type };
  for (const [name, schema] of effectArguments(type)) {
    const value = parseValue(values[EFFECT_FIELD(name)], schema, EFFECT_FIELD(name), issues);
    if (value === undefined) continue;
    const [key, part] = name.split(".");
    if (part === undefined) effect[key] = value;
    else effect[key] = { ...(effect[key] as Record<string, unknown> | undefined), [part]: value };
  }
  config.effects = [effect];
  const message = values[MESSAGE_FIELD]?.trim();
  if (message) config.message = message;
  const cap = values[MAX_DISCOUNT_FIELD]?.trim();
  if (cap) config.maxDiscountPerOrder = cap;
  return { config, issues };
}

/** The form values that show an existing config. */
export function formFromConfig(config: CampaignConfig): FormValues {
  const record = config as unknown as Record<string, unknown>;
  const values: FormValues = {};
  for (const condition of FORM_CONDITIONS) {
    for (const key of condition.keys) values[CONDITION_FIELD(key)] = formatValue(record[key], condition.args[key]!);
  }
  const [effect] = config.effects as unknown as Record<string, unknown>[];
  values[EFFECT_TYPE_FIELD] = String(effect?.type ?? "");
  for (const [name, schema] of effectArguments(values[EFFECT_TYPE_FIELD])) {
    const [key, part] = name.split(".");
    const value = part === undefined ? effect?.[key] : (effect?.[key] as Record<string, unknown> | undefined)?.[part];
    values[EFFECT_FIELD(name)] = formatValue(value, schema);
  }
  values[MESSAGE_FIELD] = config.message ?? "";
  values[MAX_DISCOUNT_FIELD] = config.maxDiscountPerOrder ?? "";
  return values;
}

/**
 * The form field a validator issue concerns: "effects[0].tiers[1].from" → "effect.tiers",
 * "includedProductIds[3]" → "cond.includedProductIds", "message" → "config.message".
 */
export function fieldForIssue(issue: ConfigIssue): string {
  const effect = /^effects\[0\]\.?([A-Za-z]+)?(?:\.([A-Za-z]+))?/.exec(issue.path);
  if (effect) {
    if (!effect[1]) return EFFECT_TYPE_FIELD;
    // A flat object's problem sits on its key's field, or on its first field when it is the object's.
    const flat = EFFECTS.map((definition) => definition.schema.fields?.[effect[1]]).find((schema) => schema !== undefined && isFlatObject(schema));
    const parts = Object.keys(flat?.fields ?? {});
    if (parts.length === 0) return EFFECT_FIELD(effect[1]);
    return EFFECT_FIELD(`${effect[1]}.${effect[2] && parts.includes(effect[2]) ? effect[2] : parts[0]}`);
  }
  if (issue.path.startsWith("effects")) return EFFECT_TYPE_FIELD;
  const key = /^[A-Za-z0-9]+/.exec(issue.path)?.[0];
  if (!key) return CONFIG_FIELD;
  if (key === "message") return MESSAGE_FIELD;
  if (key === "maxDiscountPerOrder") return MAX_DISCOUNT_FIELD;
  return FORM_CONDITIONS.some((condition) => (condition.keys as readonly string[]).includes(key)) ? CONDITION_FIELD(key) : CONFIG_FIELD;
}
