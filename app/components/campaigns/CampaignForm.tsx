// The campaign form: governance fields, the rules in the function's vocabulary (every rule field
// comes from its registry), codes, dates, limits and stacking. Errors arrive keyed by field.
import { useCallback } from "react";
import { BlockStack, Card, Checkbox, FormLayout, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { CONDITION_FIELD, EFFECT_CHOICES, EFFECT_FIELD, EFFECT_TYPE_FIELD, FORM_CONDITIONS, MAX_DISCOUNT_FIELD, MESSAGE_FIELD, effectArguments } from "~/domain/campaigns/config-form";
import { CHANNELS, CODE_SOURCES, STACKING_CATEGORIES } from "~/domain/campaigns/campaign-input";
import type { FormValues } from "~/domain/campaigns/config-form";
import { RuleField } from "./RuleField";

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
  onChange(values: FormValues): void;
}

const GROUP_TITLES = { products: "Which items", customer: "Which customers", cart: "Cart minimums", schedule: "Days and hours" } as const;
const GROUPS = Object.keys(GROUP_TITLES) as (keyof typeof GROUP_TITLES)[];

function words(name: string): string {
  const spaced = name.replace(/([A-Z])/g, " $1").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function CampaignForm({ values, errors, pools, staff, ownerRequired, codesLocked, timeZone, onChange }: Props) {
  const set = useCallback((name: string, value: string) => onChange({ ...values, [name]: value }), [values, onChange]);
  const text = (name: string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField label={label} name={name} value={values[name] ?? ""} onChange={(value) => set(name, value)} error={errors[name]} autoComplete="off" {...extra} />
  );
  const check = (name: string, label: string, disabled = false) => (
    <Checkbox label={label} checked={values[name] === "true"} onChange={(checked) => set(name, checked ? "true" : "")} error={errors[name]} disabled={disabled} />
  );
  const effectType = values[EFFECT_TYPE_FIELD] ?? "";

  return (
    <BlockStack gap="400">
      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">Campaign</Text>
          {text("name", "Name")}
          <Select
            label="Owner (staff member)"
            options={[{ label: ownerRequired ? "Choose the accountable staff member" : "No owner", value: "" }, ...staff.map((member) => ({ label: member.name, value: String(member.id) }))]}
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
          <Select label="Channel" options={[{ label: "Choose a channel", value: "" }, ...CHANNELS]} value={values.channel ?? ""} onChange={(value) => set("channel", value)} error={errors.channel} />
        </FormLayout>
      </Card>

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">Discount</Text>
          <Select
            label="Type"
            options={[{ label: "Choose what the discount gives", value: "" }, ...EFFECT_CHOICES]}
            value={effectType}
            onChange={(value) => set(EFFECT_TYPE_FIELD, value)}
            error={errors[EFFECT_TYPE_FIELD]}
          />
          {effectArguments(effectType).map(([name, schema]) => (
            <RuleField key={name} name={EFFECT_FIELD(name)} label={schema.label ?? words(name)} schema={schema} value={values[EFFECT_FIELD(name)] ?? ""} error={errors[EFFECT_FIELD(name)]} onChange={set} />
          ))}
          {text(MESSAGE_FIELD, "Message at checkout", { helpText: "Optional. Left empty, the shopper sees a description of the discount." })}
          {text(MAX_DISCOUNT_FIELD, "Maximum discount per order", { helpText: 'Optional, in the shop currency, e.g. "40.00".' })}
        </FormLayout>
      </Card>

      <Card>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">Conditions</Text>
          {GROUPS.map((group) => (
            <BlockStack key={group} gap="200">
              <Text as="h3" variant="headingSm">{GROUP_TITLES[group]}</Text>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                {FORM_CONDITIONS.filter((condition) => condition.group === group).flatMap((condition) =>
                  condition.keys.map((key) => (
                    <RuleField
                      key={key}
                      name={CONDITION_FIELD(key)}
                      label={condition.keys.length > 1 ? `${condition.label}: ${words(key).toLowerCase()}` : condition.label}
                      schema={condition.args[key]!}
                      value={values[CONDITION_FIELD(key)] ?? ""}
                      error={errors[CONDITION_FIELD(key)]}
                      onChange={set}
                    />
                  )),
                )}
              </InlineGrid>
            </BlockStack>
          ))}
        </BlockStack>
      </Card>

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">Codes</Text>
          <Select label="Codes come from" options={[{ label: "Choose", value: "" }, ...CODE_SOURCES]} value={values.codeSource ?? ""} onChange={(value) => set("codeSource", value)} error={errors.codeSource} disabled={codesLocked} />
          {values.codeSource === "shared" && text("sharedCode", "Code", { helpText: "The code every customer types at checkout." })}
          {values.codeSource === "generated" && (
            <FormLayout.Group>
              {text("generatedCount", "Number of codes", { type: "number", disabled: codesLocked })}
              {text("generatedPrefix", "Prefix", { disabled: codesLocked, helpText: "Starts every code, e.g. SPRING-" })}
              {text("generatedLength", "Random characters", { type: "number", disabled: codesLocked, helpText: "Letters and digits without look-alikes (no 0/O, 1/I/L)." })}
            </FormLayout.Group>
          )}
          {values.codeSource === "pool" && (
            <Select
              label="Coupon pool"
              options={[{ label: pools.length === 0 ? "No pools yet: create one under Coupon Pools" : "Choose a pool", value: "" }, ...pools.map((pool) => ({ label: pool.name, value: String(pool.id) }))]}
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
          <Text as="h2" variant="headingMd">Dates and limits</Text>
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
          <Text as="h2" variant="headingMd">Budget</Text>
          <Text as="p" tone="subdued">PromoGuard switches the discount off in Shopify as soon as an order reaches one of these. All optional.</Text>
          <FormLayout.Group>
            {text("budgetDiscount", "Most the codes may take off in total", { inputMode: "decimal", helpText: 'In the shop currency, e.g. "1000.00".' })}
            {text("budgetRevenue", "Stop once the orders bring in", { inputMode: "decimal", helpText: "Net revenue of the campaign's orders." })}
          </FormLayout.Group>
          <FormLayout.Group>
            {text("budgetRedemptions", "Most redemptions in total", { type: "number" })}
            {text("dailyCap", "Most redemptions per day", { type: "number", helpText: `Pauses the campaign until midnight (${timeZone}), then it resumes by itself.` })}
          </FormLayout.Group>
        </FormLayout>
      </Card>

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">Combinations and stacking</Text>
          <Text as="p" tone="subdued">Shopify combines this discount with other discounts of these classes:</Text>
          {check("combinesWithProduct", "Product discounts")}
          {check("combinesWithOrder", "Order discounts")}
          {check("combinesWithShipping", "Shipping discounts")}
          <FormLayout.Group>
            <Select label="Stacking category" options={[...STACKING_CATEGORIES]} value={values.stackingCategory ?? "joint"} onChange={(value) => set("stackingCategory", value)} error={errors.stackingCategory} />
            {text("priority", "Priority", { type: "number", helpText: "0 to 1000: higher wins when codes compete." })}
          </FormLayout.Group>
        </FormLayout>
      </Card>
    </BlockStack>
  );
}
