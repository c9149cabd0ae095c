// The campaign editor, in the shape of Shopify's discount pages: the campaign's governance fields,
// the discount (its type's own section: plain fields, or a builder for buy X get Y and tiers), what
// it applies to, who may use it, minimums, days and hours, codes, dates, limits and stacking; a
// summary in plain words beside it. Every rule field comes from the function's registry and holds
// the text the form's one schema reads. Errors arrive keyed by field. The caller puts it in a Layout.
import { useCallback, useMemo, useState } from "react";
import { MainAndSide } from "~/components/MainAndSide";
import { BlockStack, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, Layout, Select, Text, TextField } from "@shopify/polaris";
import type { ConditionDefinition } from "promo-discount/config";
import {
  CONDITION_FIELD,
  EFFECT_CHOICES,
  EFFECT_FIELD,
  EFFECT_TYPE_FIELD,
  FORM_CONDITIONS,
  MAX_DISCOUNT_FIELD,
  MESSAGE_FIELD,
  effectArguments,
} from "~/domain/campaigns/config-form";
import { CHANNELS, CODE_SOURCES, STACKING_CATEGORIES } from "~/domain/campaigns/campaign-input";
import type { FormValues } from "~/domain/campaigns/config-form";
import { RuleEditorContext, RuleField, type EditorStore } from "./RuleField";
import { BuyXGetYBuilder, TierTableBuilder } from "./EffectBuilders";
import { CampaignSummary } from "./CampaignSummary";

export interface PoolChoice {
  id: number;
  name: string;
}

export interface StaffChoice {
  id: number;
  name: string;
  email: string;
}

interface Props {
  values: FormValues;
  errors: Record<string, string>;
  pools: PoolChoice[];
  /** The shop's staff, to pick the accountable owner from. */
  staff: StaffChoice[];
  /** The shop's policy requires an owner. */
  ownerRequired: boolean;
  /** Code source fields are fixed once codes exist. */
  codesLocked: boolean;
  timeZone: string;
  /** Names of the items the rules name, and the store's tags, vendors and SKUs. */
  catalogue: Omit<EditorStore, "timeZone">;
  /** The cart simulator with the campaign's code, once it is saved. */
  testUrl: string | null;
  onChange(values: FormValues): void;
}

const SECTIONS = [
  { group: "customer", title: "Customer eligibility" },
  { group: "cart", title: "Minimum purchase requirements" },
  { group: "schedule", title: "Days and hours" },
] as const;

const isLine = (condition: ConditionDefinition) => condition.group === "products" && condition.scope === "line";
const INCLUDE_CONDITIONS = FORM_CONDITIONS.filter((condition) => isLine(condition) && condition.scope === "line" && condition.mode === "include");
const EXCLUDE_CONDITIONS = FORM_CONDITIONS.filter((condition) => condition.group === "products" && !INCLUDE_CONDITIONS.includes(condition));
const fieldsOf = (conditions: readonly ConditionDefinition[]) => conditions.flatMap((condition) => condition.keys.map(CONDITION_FIELD));
const INCLUDE_FIELDS = fieldsOf(INCLUDE_CONDITIONS);
const EXCLUDE_FIELDS = fieldsOf(EXCLUDE_CONDITIONS);

/** Discounts with structure get a builder instead of one field per argument. */
const BUILT_EFFECTS = new Set(["buyXGetY", "tiers"]);

/** What the form calls an effect's argument where its key does not say it in a merchant's words. */
const EFFECT_LABELS: Record<string, string> = {
  appliesTo: "Applies to",
  amount: "Amount",
  per: "Take it off",
  maxShippingRate: "Only for shipping rates up to",
  deliveryMethods: "Delivery methods",
};

/** Labels of conditions with several arguments, by argument. */
const KEY_LABELS: Record<string, string> = { hoursFrom: "From", hoursUntil: "Until" };

function words(name: string): string {
  const spaced = name.replace(/([A-Z])/g, " $1").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function CampaignForm({ values, errors, pools, staff, ownerRequired, codesLocked, timeZone, catalogue, testUrl, onChange }: Props) {
  const set = useCallback((name: string, value: string) => onChange({ ...values, [name]: value }), [values, onChange]);
  const patch = useCallback((changes: FormValues) => onChange({ ...values, ...changes }), [values, onChange]);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const names = useMemo(() => ({ ...catalogue.names, ...picked }), [catalogue.names, picked]);
  const store = useMemo(
    () => ({
      names,
      vocabulary: catalogue.vocabulary,
      currency: catalogue.currency,
      timeZone,
      remember: (resources: { id: string; title: string }[]) =>
        setPicked((known) => ({ ...known, ...Object.fromEntries(resources.map((resource) => [resource.id, resource.title])) })),
    }),
    [names, catalogue.vocabulary, catalogue.currency, timeZone],
  );
  const [specific, setSpecific] = useState(() => INCLUDE_FIELDS.some((field) => (values[field] ?? "") !== ""));
  const [excluding, setExcluding] = useState(() => EXCLUDE_FIELDS.some((field) => (values[field] ?? "") !== ""));
  // Another type starts from empty fields (one type's 100% free item is not another's 100% off);
  // buy X get Y starts as "get them free", as its builder shows.
  const chooseType = (type: string) =>
    patch({
      ...Object.fromEntries(
        Object.keys(values)
          .filter((name) => name.startsWith(EFFECT_FIELD("")))
          .map((name) => [name, ""]),
      ),
      [EFFECT_TYPE_FIELD]: type,
      ...(type === "buyXGetY" ? { [EFFECT_FIELD("percentage")]: "100" } : {}),
    });
  const conditionFields = (conditions: readonly ConditionDefinition[]) => (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
      {conditions.flatMap((condition) =>
        condition.keys.map((key) => (
          <RuleField
            key={key}
            name={CONDITION_FIELD(key)}
            label={condition.keys.length > 1 ? `${condition.label}: ${(KEY_LABELS[key] ?? words(key)).toLowerCase()}` : condition.label}
            schema={condition.args[key]!}
            value={values[CONDITION_FIELD(key)] ?? ""}
            error={errors[CONDITION_FIELD(key)]}
            onChange={set}
          />
        )),
      )}
    </InlineGrid>
  );
  const text = (name: string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField label={label} name={name} value={values[name] ?? ""} onChange={(value) => set(name, value)} error={errors[name]} autoComplete="off" {...extra} />
  );
  const check = (name: string, label: string, disabled = false) => (
    <Checkbox
      label={label}
      checked={values[name] === "true"}
      onChange={(checked) => set(name, checked ? "true" : "")}
      error={errors[name]}
      disabled={disabled}
    />
  );
  const effectType = values[EFFECT_TYPE_FIELD] ?? "";

  return (
    <RuleEditorContext.Provider value={store}>
      <Layout.Section variant="fullWidth">
        <MainAndSide
          main={
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Campaign
                  </Text>
                  {text("name", "Name")}
                  <Select
                    label="Owner (staff member)"
                    options={[
                      { label: ownerRequired ? "Choose the accountable staff member" : "No owner", value: "" },
                      ...staff.map((member) => ({ label: member.name, value: String(member.id) })),
                    ]}
                    value={values.ownerStaffId ?? ""}
                    // Picking the owner also fills the contact name and email with theirs.
                    onChange={(value) => {
                      const member = staff.find((candidate) => String(candidate.id) === value);
                      onChange({ ...values, ownerStaffId: value, ...(member ? { ownerName: member.name, ownerEmail: member.email } : {}) });
                    }}
                    error={errors.ownerStaffId}
                    helpText={ownerRequired ? "Your store's policy requires an owner for every campaign." : undefined}
                  />
                  <FormLayout.Group>
                    {text("ownerName", "Owner", { helpText: "The name shown on the campaign; the owner's by default." })}
                    {text("ownerEmail", "Owner's email", { type: "email" })}
                  </FormLayout.Group>
                  {text("purpose", "Purpose", { multiline: 2, helpText: "Why this discount exists, for whoever reviews it later." })}
                  <Select
                    label="Channel"
                    options={[{ label: "Choose a channel", value: "" }, ...CHANNELS]}
                    value={values.channel ?? ""}
                    onChange={(value) => set("channel", value)}
                    error={errors.channel}
                  />
                </FormLayout>
              </Card>

              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Discount
                  </Text>
                  <Select
                    label="Type"
                    options={[{ label: "Choose what the discount gives", value: "" }, ...EFFECT_CHOICES]}
                    value={effectType}
                    onChange={chooseType}
                    error={errors[EFFECT_TYPE_FIELD]}
                  />
                  {effectType === "buyXGetY" && <BuyXGetYBuilder values={values} errors={errors} onPatch={patch} />}
                  {effectType === "tiers" && <TierTableBuilder values={values} errors={errors} onPatch={patch} />}
                  {!BUILT_EFFECTS.has(effectType) && (
                    <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                      {effectArguments(effectType).map(([name, schema]) => (
                        <RuleField
                          key={name}
                          name={EFFECT_FIELD(name)}
                          label={EFFECT_LABELS[name] ?? schema.label ?? words(name)}
                          schema={schema}
                          value={values[EFFECT_FIELD(name)] ?? ""}
                          error={errors[EFFECT_FIELD(name)]}
                          onChange={set}
                        />
                      ))}
                    </InlineGrid>
                  )}
                  {text(MESSAGE_FIELD, "Message at checkout", { helpText: "Optional. Left empty, the shopper sees a description of the discount." })}
                  {text(MAX_DISCOUNT_FIELD, "Maximum discount per order", { helpText: "Optional, in the shop currency, e.g. 40.00." })}
                </FormLayout>
              </Card>

              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Applies to
                  </Text>
                  <ChoiceList
                    title="Items the discount covers"
                    choices={[
                      { label: "All products", value: "all" },
                      { label: "Specific products, collections or other items", value: "specific" },
                    ]}
                    selected={[specific ? "specific" : "all"]}
                    onChange={([chosen]) => {
                      setSpecific(chosen === "specific");
                      if (chosen === "all") patch(Object.fromEntries(INCLUDE_FIELDS.map((field) => [field, ""])));
                    }}
                  />
                  {specific && conditionFields(INCLUDE_CONDITIONS)}
                  <Checkbox
                    label="Leave some items out"
                    checked={excluding}
                    onChange={(checked) => {
                      setExcluding(checked);
                      if (!checked) patch(Object.fromEntries(EXCLUDE_FIELDS.map((field) => [field, ""])));
                    }}
                  />
                  {excluding && conditionFields(EXCLUDE_CONDITIONS)}
                </BlockStack>
              </Card>

              {SECTIONS.map(({ group, title }) => (
                <Card key={group}>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {title}
                    </Text>
                    {conditionFields(FORM_CONDITIONS.filter((condition) => condition.group === group))}
                  </BlockStack>
                </Card>
              ))}

              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Codes
                  </Text>
                  <Select
                    label="Codes come from"
                    options={[{ label: "Choose", value: "" }, ...CODE_SOURCES]}
                    value={values.codeSource ?? ""}
                    onChange={(value) => set("codeSource", value)}
                    error={errors.codeSource}
                    disabled={codesLocked}
                  />
                  {values.codeSource === "shared" && text("sharedCode", "Code", { helpText: "The code every customer types at checkout." })}
                  {values.codeSource === "generated" && (
                    <FormLayout.Group>
                      {text("generatedCount", "Number of codes", { type: "number", disabled: codesLocked })}
                      {text("generatedPrefix", "Prefix", { disabled: codesLocked, helpText: "Starts every code, e.g. SPRING-" })}
                      {text("generatedLength", "Random characters", {
                        type: "number",
                        disabled: codesLocked,
                        helpText: "Letters and digits without look-alikes (no 0/O, 1/I/L).",
                      })}
                    </FormLayout.Group>
                  )}
                  {values.codeSource === "pool" && (
                    <Select
                      label="Coupon pool"
                      options={[
                        { label: pools.length === 0 ? "No pools yet: create one under Coupon Pools" : "Choose a pool", value: "" },
                        ...pools.map((pool) => ({ label: pool.name, value: String(pool.id) })),
                      ]}
                      value={values.poolId ?? ""}
                      onChange={(value) => set("poolId", value)}
                      error={errors.poolId}
                      disabled={codesLocked}
                    />
                  )}
                </FormLayout>
              </Card>

              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Dates and limits
                  </Text>
                  <FormLayout.Group>
                    {text("startsAt", `Starts (${timeZone})`, { type: "datetime-local" })}
                    {text("endsAt", `Ends (${timeZone})`, { type: "datetime-local", helpText: "Optional." })}
                  </FormLayout.Group>
                  {text("usageLimit", "Total uses allowed", { type: "number", helpText: "Optional: empty means no limit." })}
                  {check("oncePerCustomer", "Limit to one use per customer")}
                </FormLayout>
              </Card>

              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Budget
                  </Text>
                  <Text as="p" tone="subdued">
                    PromoGuard switches the discount off in Shopify as soon as an order reaches one of these. All optional.
                  </Text>
                  <FormLayout.Group>
                    {text("budgetDiscount", "Most the codes may take off in total", {
                      inputMode: "decimal",
                      helpText: 'In the shop currency, e.g. "1000.00".',
                    })}
                    {text("budgetRevenue", "Stop once the orders bring in", { inputMode: "decimal", helpText: "Net revenue of the campaign's orders." })}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {text("budgetRedemptions", "Most redemptions in total", { type: "number" })}
                    {text("dailyCap", "Most redemptions per day", {
                      type: "number",
                      helpText: `Pauses the campaign until midnight (${timeZone}), then it resumes by itself.`,
                    })}
                  </FormLayout.Group>
                </FormLayout>
              </Card>

              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Combinations and stacking
                  </Text>
                  <Text as="p" tone="subdued">
                    Shopify combines this discount with other discounts of these classes:
                  </Text>
                  {check("combinesWithProduct", "Product discounts")}
                  {check("combinesWithOrder", "Order discounts")}
                  {check("combinesWithShipping", "Shipping discounts")}
                  <FormLayout.Group>
                    <Select
                      label="Stacking category"
                      options={[...STACKING_CATEGORIES]}
                      value={values.stackingCategory ?? "joint"}
                      onChange={(value) => set("stackingCategory", value)}
                      error={errors.stackingCategory}
                    />
                    {text("priority", "Priority", { type: "number", helpText: "0 to 1000: higher wins when codes compete." })}
                  </FormLayout.Group>
                </FormLayout>
              </Card>
            </BlockStack>
          }
          side={<CampaignSummary values={values} names={names} timeZone={timeZone} currency={catalogue.currency} testUrl={testUrl} />}
        />
      </Layout.Section>
    </RuleEditorContext.Provider>
  );
}
