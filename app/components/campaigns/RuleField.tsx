// One rule argument of the campaign form, drawn from its schema in the function's registry:
// the schema's kind picks the control and its hint becomes the help text.
import { useCallback, useMemo } from "react";
import { BlockStack, Button, Checkbox, ChoiceList, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { ArgSchema } from "promo-discount/config";
import { isStructured, splitList } from "~/domain/campaigns/config-form";

export interface RuleFieldProps {
  name: string;
  label: string;
  schema: ArgSchema<unknown>;
  value: string;
  error?: string;
  onChange(name: string, value: string): void;
}

/** Product and collection lists are chosen with Shopify's resource picker. */
function pickerType(schema: ArgSchema<unknown>): "product" | "collection" | null {
  if (schema.kind !== "list" || schema.item?.kind !== "id") return null;
  if (schema.item.hint.includes("gid://shopify/Product/")) return "product";
  if (schema.item.hint.includes("gid://shopify/Collection/")) return "collection";
  return null;
}

function ResourceListField({ name, label, value, error, onChange, type }: RuleFieldProps & { type: "product" | "collection" }) {
  const shopify = useAppBridge();
  const ids = useMemo<string[]>(() => (value ? (JSON.parse(value) as string[]) : []), [value]);
  const choose = useCallback(async () => {
    const selection = await shopify.resourcePicker({ type, multiple: true, selectionIds: ids.map((id) => ({ id })) });
    if (selection) onChange(name, selection.length > 0 ? JSON.stringify(selection.map((resource) => resource.id)) : "");
  }, [shopify, type, ids, name, onChange]);
  return (
    <BlockStack gap="100">
      <Text as="span">{label}</Text>
      <InlineStack gap="200" blockAlign="center">
        <Button onClick={choose}>{`Choose ${type}s`}</Button>
        <Text as="span" tone="subdued">{ids.length === 0 ? "None chosen" : `${ids.length} ${type}${ids.length === 1 ? "" : "s"} chosen`}</Text>
        {ids.length > 0 && <Button variant="plain" onClick={() => onChange(name, "")}>Clear</Button>}
      </InlineStack>
      {error && <Text as="p" tone="critical">{error}</Text>}
    </BlockStack>
  );
}

export function RuleField(props: RuleFieldProps) {
  const { name, label, schema, value, error, onChange } = props;
  const change = useCallback((next: string) => onChange(name, next), [name, onChange]);
  const picker = pickerType(schema);
  if (picker) return <ResourceListField {...props} type={picker} />;
  if (schema.kind === "flag") {
    return <Checkbox label={label} checked={value === "true"} onChange={(checked) => change(checked ? "true" : "")} error={error} />;
  }
  if (schema.kind === "enum" && schema.options) {
    const options = [{ label: "Not used", value: "" }, ...schema.options.map((option) => ({ label: option, value: option }))];
    return <Select label={label} options={options} value={value} onChange={change} error={error} />;
  }
  if (schema.kind === "list" && schema.item?.options) {
    return (
      <ChoiceList
        allowMultiple
        title={label}
        choices={schema.item.options.map((option) => ({ label: option, value: option }))}
        selected={splitList(value)}
        onChange={(selected) => change(selected.join(","))}
        error={error}
      />
    );
  }
  const multiline = schema.kind === "list" || isStructured(schema);
  return (
    <TextField
      label={label}
      name={name}
      value={value}
      onChange={change}
      autoComplete="off"
      multiline={multiline ? 3 : undefined}
      helpText={`${schema.kind === "list" && !isStructured(schema) ? `One per line: ${schema.item?.hint ?? schema.hint}` : `${isStructured(schema) ? "JSON: " : ""}${schema.hint}`}${schema.help ? `. ${schema.help}` : ""}`}
      error={error}
    />
  );
}
