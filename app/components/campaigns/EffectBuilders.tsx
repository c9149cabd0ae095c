// The discounts with structure, built from plain fields instead of typed as data: buy X get Y
// ("buy 2 of these → get 1 of those free") and a tier table (spend or buy at least → discount).
// Each writes the argument's value as the form schema reads it (effect.buy and effect.tiers as
// JSON in hidden form values), so the server reads and checks exactly what it always did.
import { useState } from "react";
import { BlockStack, Button, ChoiceList, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { EFFECT_FIELD } from "~/domain/campaigns/config-form";
import type { FormValues } from "~/domain/campaigns/config-form";
import { effectDefinition, type ArgSchema } from "promo-discount/config";
import { optionWords } from "~/domain/campaigns/rule-words";
import { ResourceListField } from "./RuleField";

/** The tiers effect's own arguments: their options and the words for them. */
const TIER_FIELDS = effectDefinition("tiers")!.schema.fields as Readonly<Record<"basis" | "appliesTo", ArgSchema<unknown>>>;

interface BuilderProps {
  values: FormValues;
  errors: Record<string, string>;
  /** Sets form values together (a builder often changes several at once). */
  onPatch(patch: FormValues): void;
}

function parsed<T>(text: string | undefined, fallback: T): T {
  if (!text?.trim()) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A typed number as the config holds it; anything else stays text, for the schema to name the problem. */
const numberOr = (text: string) => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text.trim());

const BUY = EFFECT_FIELD("buy");

export function BuyXGetYBuilder({ values, errors, onPatch }: BuilderProps) {
  const field = (name: string) => values[EFFECT_FIELD(name)] ?? "";
  const buy = parsed<Record<string, unknown>>(values[BUY], {});
  const buyProducts = Array.isArray(buy.productIds) ? (buy.productIds as string[]) : [];
  const [scope, setScope] = useState<"any" | "products">(buyProducts.length > 0 ? "products" : "any");
  const [free, setFree] = useState(field("percentage") === "" || field("percentage") === "100");
  const setBuyProducts = (ids: string[]) => {
    const { productIds: _dropped, ...rest } = buy;
    const next = ids.length > 0 ? { ...rest, productIds: ids } : rest;
    onPatch({ [BUY]: Object.keys(next).length > 0 ? JSON.stringify(next) : "" });
  };
  const text = (name: string, label: string, helpText?: string, suffix?: string) => (
    <TextField
      label={label}
      name={EFFECT_FIELD(name)}
      value={field(name)}
      onChange={(value) => onPatch({ [EFFECT_FIELD(name)]: value })}
      inputMode="numeric"
      autoComplete="off"
      helpText={helpText}
      suffix={suffix}
      error={errors[EFFECT_FIELD(name)]}
    />
  );
  return (
    <BlockStack gap="400">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Customer buys
        </Text>
        {text("buyQuantity", "Number of items the customer buys")}
        <ChoiceList
          title="Which items count as bought"
          choices={[
            { label: "Any eligible item", value: "any" },
            { label: "Specific products", value: "products" },
          ]}
          selected={[scope]}
          onChange={([chosen]) => {
            setScope(chosen === "products" ? "products" : "any");
            if (chosen === "any") setBuyProducts([]);
          }}
        />
        {scope === "products" && (
          <ResourceListField label="Products the customer buys" value={JSON.stringify(buyProducts)} type="product" error={errors[BUY]} onIds={setBuyProducts} />
        )}
        {scope === "any" && errors[BUY] && (
          <Text as="p" tone="critical">
            {errors[BUY]}
          </Text>
        )}
      </BlockStack>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Customer gets
        </Text>
        {text("getQuantity", "Number of items the customer gets", "Among the eligible items in the cart (see Applies to): the lowest-priced ones.")}
        <ChoiceList
          title="At a discounted value"
          choices={[
            { label: "Free", value: "free" },
            { label: "Percentage off", value: "percentage" },
          ]}
          selected={[free ? "free" : "percentage"]}
          onChange={([chosen]) => {
            setFree(chosen === "free");
            onPatch({ [EFFECT_FIELD("percentage")]: chosen === "free" ? "100" : "" });
          }}
          error={free ? errors[EFFECT_FIELD("percentage")] : undefined}
        />
        {!free && text("percentage", "Percentage off the items they get", undefined, "%")}
        {text("maxApplications", "Most times per order", "Optional: empty means as often as the cart allows.")}
      </BlockStack>
    </BlockStack>
  );
}

interface TierRow {
  from: string;
  kind: "percentage" | "amount";
  value: string;
}

const TIERS = EFFECT_FIELD("tiers");
const BASIS = EFFECT_FIELD("basis");
const APPLIES_TO = EFFECT_FIELD("appliesTo");

function rowsOf(text: string | undefined): TierRow[] {
  const tiers = parsed<unknown>(text, []);
  if (!Array.isArray(tiers) || tiers.length === 0) return [{ from: "", kind: "percentage", value: "" }];
  return tiers.map((tier: { from?: unknown; percentage?: unknown; amount?: unknown }) => ({
    from: tier.from === undefined ? "" : String(tier.from),
    kind: tier.amount !== undefined ? "amount" : "percentage",
    value: String(tier.amount ?? tier.percentage ?? ""),
  }));
}

/** The rows as the config's tiers: empty rows left out, quantities and percentages as numbers. */
function tiersValue(rows: TierRow[], basis: string): string {
  const tiers = rows
    .filter((row) => row.from.trim() !== "" || row.value.trim() !== "")
    .map((row) => ({
      from: basis === "quantity" ? numberOr(row.from) : row.from.trim(),
      ...(row.kind === "percentage" ? { percentage: numberOr(row.value) } : { amount: row.value.trim() }),
    }));
  return tiers.length > 0 ? JSON.stringify(tiers) : "";
}

export function TierTableBuilder({ values, errors, onPatch }: BuilderProps) {
  const [rows, setRows] = useState<TierRow[]>(() => rowsOf(values[TIERS]));
  const basis = values[BASIS] ?? "";
  const update = (next: TierRow[], nextBasis = basis) => {
    setRows(next);
    onPatch({ [TIERS]: tiersValue(next, nextBasis) });
  };
  const threshold = basis === "quantity" ? "Items bought, at least" : "Amount spent, at least";
  return (
    <BlockStack gap="300">
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
        <Select
          label="The discount grows with"
          options={[
            { label: "Choose", value: "" },
            ...(TIER_FIELDS.basis.options ?? []).map((option) => ({ label: optionWords(TIER_FIELDS.basis, option), value: option })),
          ]}
          value={basis}
          // Thresholds are read again for the new basis: quantities as numbers, amounts as text.
          onChange={(value) => onPatch({ [BASIS]: value, [TIERS]: tiersValue(rows, value) })}
          error={errors[BASIS]}
        />
        <Select
          label="Discount applies to"
          options={(TIER_FIELDS.appliesTo.options ?? []).map((option) => ({ label: optionWords(TIER_FIELDS.appliesTo, option), value: option }))}
          value={values[APPLIES_TO] || "lines"}
          onChange={(value) => onPatch({ [APPLIES_TO]: value === "lines" ? "" : value })}
          error={errors[APPLIES_TO]}
        />
      </InlineGrid>
      <Text as="h3" variant="headingSm">
        Tiers
      </Text>
      {rows.map((row, index) => {
        const set = (patch: Partial<TierRow>) => update(rows.map((other, at) => (at === index ? { ...other, ...patch } : other)));
        return (
          <InlineGrid key={index} columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="200">
            <InlineGrid columns={{ xs: 1, sm: 3 }} gap="200">
              <TextField
                label={`Tier ${index + 1}: ${threshold.toLowerCase()}`}
                value={row.from}
                onChange={(from) => set({ from })}
                inputMode="decimal"
                autoComplete="off"
              />
              <Select
                label={`Tier ${index + 1}: kind of discount`}
                options={[
                  { label: "Percentage off", value: "percentage" },
                  { label: "Amount off the order", value: "amount" },
                ]}
                value={row.kind}
                onChange={(kind) => set({ kind: kind === "amount" ? "amount" : "percentage" })}
              />
              <TextField
                label={`Tier ${index + 1}: discount`}
                value={row.value}
                onChange={(value) => set({ value })}
                inputMode="decimal"
                autoComplete="off"
                suffix={row.kind === "percentage" ? "%" : undefined}
              />
            </InlineGrid>
            <InlineStack blockAlign="end">
              <Button
                variant="plain"
                tone="critical"
                disabled={rows.length === 1}
                onClick={() => update(rows.filter((_, at) => at !== index))}
                accessibilityLabel={`Remove tier ${index + 1}`}
              >
                Remove
              </Button>
            </InlineStack>
          </InlineGrid>
        );
      })}
      {errors[TIERS] && (
        <Text as="p" tone="critical">
          {errors[TIERS]}
        </Text>
      )}
      <InlineStack>
        <Button onClick={() => update([...rows, { from: "", kind: rows.at(-1)?.kind ?? "percentage", value: "" }])} disabled={rows.length >= 20}>
          Add tier
        </Button>
      </InlineStack>
      <Text as="p" tone="subdued" variant="bodySm">
        Each tier starts where the one above ends; the cart gets the highest tier it reaches.
      </Text>
    </BlockStack>
  );
}
