// The post-purchase rule form: which orders it answers, which code goes out and when. What the
// page posts is what post-purchase-input.ts reads (picker selections as JSON lists of ids).
import { useState } from "react";
import { BlockStack, Card, Checkbox, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { CODE_SOURCE_OPTIONS, DELAY_DAYS_MAX, MESSAGE_MAX_LENGTH, VALIDITY_DAYS_MAX } from "~/domain/automation/post-purchase-input";
import { ResourcePickerField, type PickedResource } from "./ResourcePickerField";

export interface RuleFormValues {
  name: string;
  triggerProducts: PickedResource[];
  triggerCollections: PickedResource[];
  minimumSubtotal: string;
  firstOrderOnly: boolean;
  codeSource: "pool" | "campaign";
  poolId: string;
  campaignId: string;
  validityDays: string;
  offerProducts: PickedResource[];
  message: string;
  delayDays: string;
}

export interface PostPurchaseRuleFormProps {
  initial: RuleFormValues;
  choices: { pools: { id: number; name: string }[]; campaigns: { id: number; name: string }[] };
  currency: string;
  errors: Record<string, string>;
  disabled: boolean;
  /** Called with every change, as the form fields the server reads. */
  onChange(fields: Record<string, string>): void;
}

/** The values as the server reads them. */
export function ruleFormFields(values: RuleFormValues): Record<string, string> {
  const ids = (resources: PickedResource[]) => JSON.stringify(resources.map((resource) => resource.id));
  return {
    name: values.name,
    triggerProducts: ids(values.triggerProducts),
    triggerCollections: ids(values.triggerCollections),
    minimumSubtotal: values.minimumSubtotal,
    firstOrderOnly: values.firstOrderOnly ? "true" : "",
    codeSource: values.codeSource,
    poolId: values.poolId,
    campaignId: values.campaignId,
    validityDays: values.validityDays,
    offerProducts: ids(values.offerProducts),
    message: values.message,
    delayDays: values.delayDays,
  };
}

export function PostPurchaseRuleForm({ initial, choices, currency, errors, disabled, onChange }: PostPurchaseRuleFormProps) {
  const [values, setValues] = useState(initial);
  const update =
    <K extends keyof RuleFormValues>(key: K) =>
    (value: RuleFormValues[K]) => {
      const next = { ...values, [key]: value };
      setValues(next);
      onChange(ruleFormFields(next));
    };
  /** value, onChange, error and disabled of a text or choice field. */
  const bind = (key: "name" | "minimumSubtotal" | "poolId" | "campaignId" | "validityDays" | "message" | "delayDays") => ({
    value: values[key],
    onChange: update(key),
    error: errors[key],
    disabled,
  });
  const source =
    values.codeSource === "pool"
      ? {
          field: "poolId" as const,
          label: "Coupon pool",
          options: choices.pools,
          none: "No pool yet: create one under Pools",
          choose: "Choose a pool",
          help: "When the pool's live campaign holds out a share of recipients, this rule holds out the same share.",
        }
      : {
          field: "campaignId" as const,
          label: "Campaign",
          options: choices.campaigns,
          none: "No campaign with unique codes yet",
          choose: "Choose a campaign",
          help: "A campaign with generated codes makes a new one when its codes run out.",
        };
  return (
    <BlockStack gap="400">
      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            After which orders
          </Text>
          <TextField label="Rule name" {...bind("name")} autoComplete="off" />
          <ResourcePickerField
            label="Products bought"
            type="product"
            value={values.triggerProducts}
            onChange={update("triggerProducts")}
            error={errors.triggerProducts}
            disabled={disabled}
            helpText="The order holds one of these products, or a product of one of the collections below. Choose none of either for every order."
          />
          <ResourcePickerField
            label="Or from collections"
            type="collection"
            value={values.triggerCollections}
            onChange={update("triggerCollections")}
            error={errors.triggerCollections}
            disabled={disabled}
          />
          <TextField
            label="Minimum order subtotal"
            prefix={currency}
            {...bind("minimumSubtotal")}
            helpText="After discounts, before shipping and tax. Empty: any subtotal."
            autoComplete="off"
          />
          <Checkbox
            label="Only the customer's first order"
            checked={values.firstOrderOnly}
            onChange={update("firstOrderOnly")}
            disabled={disabled}
            helpText="Guest checkouts never count as first orders: Shopify cannot tell."
          />
        </FormLayout>
      </Card>
      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Which code, and when
          </Text>
          <Select
            label="Codes come from"
            options={[...CODE_SOURCE_OPTIONS]}
            value={values.codeSource}
            onChange={(value) => update("codeSource")(value as RuleFormValues["codeSource"])}
            disabled={disabled}
          />
          <Select
            label={source.label}
            options={[
              { label: source.options.length === 0 ? source.none : source.choose, value: "" },
              ...source.options.map((option) => ({ label: option.name, value: String(option.id) })),
            ]}
            {...bind(source.field)}
            helpText={source.help}
          />
          <TextField
            label="Valid for"
            type="number"
            suffix="days"
            {...bind("validityDays")}
            helpText={`From the moment the code is sent, 1 to ${VALIDITY_DAYS_MAX} days; PromoGuard removes it from Shopify afterwards.`}
            autoComplete="off"
          />
          <ResourcePickerField
            label="For products"
            type="product"
            value={values.offerProducts}
            onChange={update("offerProducts")}
            error={errors.offerProducts}
            disabled={disabled}
            helpText="The complementary products named to the customer. What the code takes off is its campaign's rule."
          />
          <TextField
            label="Message to the customer"
            {...bind("message")}
            maxLength={MESSAGE_MAX_LENGTH}
            showCharacterCount
            helpText="Shown beside the code on the thank-you page and in the email, and saved on the customer for your email tool."
            autoComplete="off"
          />
          <TextField
            label="Send after"
            type="number"
            suffix="days"
            {...bind("delayDays")}
            helpText={`0 to ${DELAY_DAYS_MAX}. With 0 the code shows on the order's thank-you page.`}
            autoComplete="off"
          />
        </FormLayout>
      </Card>
    </BlockStack>
  );
}
