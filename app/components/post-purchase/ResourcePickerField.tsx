// Products or collections chosen with Shopify's resource picker, listed by title.
import { useCallback } from "react";
import { BlockStack, Button, InlineError, InlineStack, Tag, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";

export interface PickedResource {
  id: string;
  title: string;
}

export interface ResourcePickerFieldProps {
  label: string;
  type: "product" | "collection";
  value: PickedResource[];
  onChange(value: PickedResource[]): void;
  helpText?: string;
  error?: string;
  disabled?: boolean;
}

export function ResourcePickerField({ label, type, value, onChange, helpText, error, disabled }: ResourcePickerFieldProps) {
  const shopify = useAppBridge();
  const choose = useCallback(async () => {
    const selection = await shopify.resourcePicker({ type, multiple: true, selectionIds: value.map(({ id }) => ({ id })) });
    if (selection) onChange(selection.map((resource) => ({ id: resource.id, title: resource.title })));
  }, [shopify, type, value, onChange]);
  return (
    <BlockStack gap="100">
      <Text as="span">{label}</Text>
      <InlineStack gap="200" blockAlign="center">
        <Button onClick={choose} disabled={disabled}>{`Choose ${type}s`}</Button>
        {value.length === 0 && (
          <Text as="span" tone="subdued">
            None chosen
          </Text>
        )}
        {value.map((resource) => (
          <Tag key={resource.id} onRemove={disabled ? undefined : () => onChange(value.filter((other) => other.id !== resource.id))}>
            {resource.title}
          </Tag>
        ))}
      </InlineStack>
      {helpText && (
        <Text as="p" tone="subdued" variant="bodySm">
          {helpText}
        </Text>
      )}
      {error && <InlineError message={error} fieldID={`${type}-${label}`} />}
    </BlockStack>
  );
}
