// The values of a campaign config that depend on the store: amounts in its currency, ids of its
// products, variants and collections, and shop-local dates. Found through the rule vocabulary's own
// schemas (promo-discount/config), so a new condition or effect is covered without listing it here.
import { CONDITIONS, configKeySchema, effectDefinition, type ArgSchema } from "promo-discount/config";

export type StoreValueKind = "money" | "id" | "localDateTime";

export type ConfigPath = (string | number)[];

export interface StoreValue {
  kind: StoreValueKind;
  path: ConfigPath;
  value: string;
}

function visit(value: unknown, schema: ArgSchema<unknown> | undefined, path: ConfigPath, found: StoreValue[]) {
  if (value === undefined || value === null || !schema) return;
  if (schema.kind === "list" && Array.isArray(value)) {
    value.forEach((entry, index) => visit(entry, schema.item, [...path, index], found));
  } else if (schema.kind === "object" && typeof value === "object" && schema.fields) {
    for (const [key, field] of Object.entries(schema.fields)) visit((value as Record<string, unknown>)[key], field, [...path, key], found);
  } else if ((schema.kind === "money" || schema.kind === "id" || schema.kind === "localDateTime") && typeof value === "string") {
    // A tier's "from" is money by kind but a quantity (a number) on quantity tiers: only strings are amounts.
    found.push({ kind: schema.kind, path, value });
  }
}

/** Every store-dependent value of the config, in document order. */
export function storeValues(config: Record<string, unknown>): StoreValue[] {
  const found: StoreValue[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (key === "effects" && Array.isArray(value)) {
      value.forEach((effect, index) => {
        const type = typeof effect === "object" && effect !== null ? (effect as { type?: unknown }).type : undefined;
        visit(effect, typeof type === "string" ? effectDefinition(type)?.schema : undefined, ["effects", index], found);
      });
    } else {
      visit(value, configKeySchema(key), [key], found);
    }
  }
  return found;
}

/** A copy of the value with `replacement` at the path (the path must exist). */
export function replaceAt<T>(value: T, path: ConfigPath, replacement: unknown): T {
  const copy = structuredClone(value) as unknown as Record<string | number, unknown>;
  let node = copy;
  path.slice(0, -1).forEach((step) => {
    node = node[step] as Record<string | number, unknown>;
  });
  node[path[path.length - 1]] = replacement;
  return copy as unknown as T;
}

const EXCLUSIONS = new Map<string, string>(
  CONDITIONS.flatMap((condition) =>
    condition.scope === "line" && condition.mode === "exclude" ? condition.keys.map((key) => [key, condition.label] as const) : [],
  ),
);

/**
 * When a list at this path loses every entry: the name of the exclusion it was, which may simply
 * be dropped (the discount then covers more, which the apply report says); null for any other
 * list — an inclusion, a buy side — whose emptying would widen the discount to everything, so the
 * campaign is not created instead.
 */
export function droppedExclusion(path: ConfigPath): string | null {
  return path.length === 1 ? (EXCLUSIONS.get(String(path[0])) ?? null) : null;
}

const CONDITION_LABELS = new Map<string, string>(CONDITIONS.flatMap((condition) => condition.keys.map((key) => [key, condition.label] as const)));
const FIELD_LABELS: Record<string, string> = { maxDiscountPerOrder: "Maximum discount per order", maxShippingRate: "most expensive shipping rate covered" };

const words = (step: string) => FIELD_LABELS[step] ?? step.replace(/([A-Z])/g, " $1").toLowerCase();

/** What a value of the config is, in words: "Minimum subtotal of eligible items", "Fixed amount off: amount", "Tiers …: tier 2 from". */
export function describePath(config: Record<string, unknown>, path: ConfigPath): string {
  const [head, index, ...rest] = path;
  if (head !== "effects") return CONDITION_LABELS.get(String(head)) ?? words(String(head));
  const effect = (config.effects as { type?: string }[] | undefined)?.[index as number];
  const steps = rest.map((step, position) =>
    typeof step === "number" ? `${rest[position - 1] === "tiers" ? "" : "#"}${step + 1}` : step === "tiers" ? "tier" : words(step),
  );
  return `${effectDefinition(effect?.type ?? "")?.label ?? "Discount"}: ${steps.join(" ")}`;
}
