// One rule argument of the campaign form, drawn from its schema in the function's registry: the
// schema's kind picks the control. Products, variants and collections are chosen with Shopify's
// resource picker and shown by name; tags, vendors and SKUs come from the store's catalogue;
// countries by name, days as chips, hours as times. The form still holds each argument's text as
// the form schema reads it (ids as a JSON list, other lists one per line, times as 09:00:00).
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { BlockStack, Button, Checkbox, ChoiceList, Combobox, InlineError, InlineStack, Listbox, Select, Tag, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { ArgSchema } from "promo-discount/config";
import { splitList } from "~/domain/campaigns/config-form";
import { WEEKDAYS, WEEKDAY_WORDS, countryChoices, countryName, optionWords, timeForField, timeFromField, unsetWords } from "~/domain/campaigns/rule-words";

/** What the store offers the editor: names of picked items, and its tags, vendors and SKUs. */
export interface EditorStore {
  names: Record<string, string>;
  vocabulary: { productTags: string[]; vendors: string[]; skus: string[] };
  /** The shop's currency (ISO code), for amounts as the merchant reads them. */
  currency: string;
  timeZone: string;
}

interface EditorStoreContext extends EditorStore {
  /** Remembers the names of what the merchant just picked. */
  remember(resources: { id: string; title: string }[]): void;
}

export const RuleEditorContext = createContext<EditorStoreContext>({
  names: {},
  vocabulary: { productTags: [], vendors: [], skus: [] },
  currency: "USD",
  timeZone: "UTC",
  remember: () => undefined,
});

export function useEditorStore() {
  return useContext(RuleEditorContext);
}

export interface RuleFieldProps {
  name: string;
  label: string;
  schema: ArgSchema<unknown>;
  value: string;
  error?: string;
  /** Help below the field, replacing the schema's own. */
  helpText?: string;
  onChange(name: string, value: string): void;
}

export type PickerType = "product" | "variant" | "collection";

const PICKER_NOUNS: Record<PickerType, [string, string]> = {
  product: ["product", "products"],
  variant: ["variant", "variants"],
  collection: ["collection", "collections"],
};

/** Product, variant and collection lists are chosen with Shopify's resource picker. */
export function pickerType(schema: ArgSchema<unknown>): PickerType | null {
  const item = schema.kind === "list" ? schema.item : null;
  if (item?.kind !== "id") return null;
  if (item.hint.includes("gid://shopify/ProductVariant/")) return "variant";
  if (item.hint.includes("gid://shopify/Product/")) return "product";
  if (item.hint.includes("gid://shopify/Collection/")) return "collection";
  return null;
}

/** An id list as the form holds it (a JSON list) and back; anything else reads as no ids. */
export function idsOf(value: string): string[] {
  if (!value.trim().startsWith("[")) return splitList(value);
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export const idsValue = (ids: string[]) => (ids.length > 0 ? JSON.stringify(ids) : "");

/** Which of the store's lists a text list offers, by its argument. */
function suggestionsFor(name: string, vocabulary: EditorStore["vocabulary"]): string[] {
  if (/Skus$|skus$/.test(name)) return vocabulary.skus;
  if (/Vendors$|vendors$/.test(name)) return vocabulary.vendors;
  if (/ProductTags$/.test(name)) return vocabulary.productTags;
  return [];
}

export function ResourceListField({
  label,
  value,
  error,
  helpText,
  type,
  onIds,
}: {
  label: string;
  value: string;
  error?: string;
  helpText?: string;
  type: PickerType;
  onIds(ids: string[]): void;
}) {
  const shopify = useAppBridge();
  const { names, remember } = useEditorStore();
  const ids = useMemo(() => idsOf(value), [value]);
  const [one, many] = PICKER_NOUNS[type];
  const choose = useCallback(async () => {
    const selection = await shopify.resourcePicker({ type, multiple: true, selectionIds: ids.map((id) => ({ id })) });
    if (!selection) return;
    const picked = selection.map((resource) => {
      const named = resource as { id: string; title?: string; displayName?: string };
      return { id: named.id, title: named.displayName ?? named.title ?? "" };
    });
    remember(picked);
    onIds(picked.map((resource) => resource.id));
  }, [shopify, type, ids, remember, onIds]);
  return (
    <BlockStack gap="100">
      <Text as="span">{label}</Text>
      <InlineStack gap="200" blockAlign="center">
        <Button onClick={choose}>{`Choose ${many}`}</Button>
        <Text as="span" tone="subdued">
          {ids.length === 0 ? "None chosen" : `${ids.length} ${ids.length === 1 ? one : many} chosen`}
        </Text>
        {ids.length > 0 && (
          <Button variant="plain" onClick={() => onIds([])} accessibilityLabel={`Clear ${label.toLowerCase()}`}>
            Clear
          </Button>
        )}
      </InlineStack>
      {ids.length > 0 && (
        <InlineStack gap="100">
          {ids.map((id) => (
            <Tag key={id} onRemove={() => onIds(ids.filter((other) => other !== id))}>
              {names[id] ?? `A ${one} no longer in the store`}
            </Tag>
          ))}
        </InlineStack>
      )}
      {helpText && (
        <Text as="p" tone="subdued" variant="bodySm">
          {helpText}
        </Text>
      )}
      {error && (
        <Text as="p" tone="critical">
          {error}
        </Text>
      )}
    </BlockStack>
  );
}

/** A list of values chosen from suggestions (the store's tags, vendors, SKUs, or countries), or typed in. */
export function ValueListField({
  name,
  label,
  values,
  suggestions,
  display = (value) => value,
  allowNew,
  error,
  helpText,
  onValues,
}: {
  name: string;
  label: string;
  values: string[];
  suggestions: { value: string; label: string }[];
  display?(value: string): string;
  allowNew: boolean;
  error?: string;
  helpText?: string;
  onValues(values: string[]): void;
}) {
  const [query, setQuery] = useState("");
  // Each value added opens a fresh list: Polaris leaves the closed list's last active option
  // named on the field (aria-activedescendant), which no longer exists.
  const [added, setAdded] = useState(0);
  const typed = query.trim();
  const shown = useMemo(() => {
    const needle = typed.toLowerCase();
    return suggestions
      .filter(
        (suggestion) =>
          !values.includes(suggestion.value) && (!needle || suggestion.label.toLowerCase().includes(needle) || suggestion.value.toLowerCase() === needle),
      )
      .slice(0, 30);
  }, [suggestions, values, typed]);
  const canAdd = allowNew && typed !== "" && !values.includes(typed) && !shown.some((suggestion) => suggestion.value === typed);
  const add = (value: string) => {
    if (!values.includes(value)) onValues([...values, value]);
    setQuery("");
    setAdded((count) => count + 1);
  };
  return (
    <BlockStack gap="100">
      <Combobox
        key={added}
        activator={
          <Combobox.TextField
            label={label}
            name={`${name}.search`}
            value={query}
            onChange={setQuery}
            autoComplete="off"
            placeholder={suggestions.length > 0 ? "Search or choose" : "Type and add"}
            helpText={helpText}
            error={error}
          />
        }
      >
        {shown.length > 0 || canAdd ? (
          <Listbox onSelect={add} accessibilityLabel={label}>
            {canAdd && <Listbox.Action value={typed}>{`Add “${typed}”`}</Listbox.Action>}
            {shown.map((suggestion) => (
              <Listbox.Option key={suggestion.value} value={suggestion.value}>
                {suggestion.label}
              </Listbox.Option>
            ))}
          </Listbox>
        ) : null}
      </Combobox>
      {values.length > 0 && (
        <InlineStack gap="100">
          {values.map((value) => (
            <Tag key={value} onRemove={() => onValues(values.filter((other) => other !== value))}>
              {display(value)}
            </Tag>
          ))}
        </InlineStack>
      )}
    </BlockStack>
  );
}

function WeekdayChips({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange(value: string): void }) {
  const chosen = splitList(value);
  const toggle = (day: string) => {
    const next = chosen.includes(day) ? chosen.filter((other) => other !== day) : [...chosen, day];
    onChange(WEEKDAYS.filter((weekday) => next.includes(weekday)).join(","));
  };
  return (
    <BlockStack gap="100">
      <Text as="span" id="weekday-chips-label">
        {label}
      </Text>
      <div role="group" aria-labelledby="weekday-chips-label">
        <InlineStack gap="100">
          {WEEKDAYS.map((day) => (
            <Button key={day} pressed={chosen.includes(day)} onClick={() => toggle(day)} accessibilityLabel={WEEKDAY_WORDS[day].long}>
              {WEEKDAY_WORDS[day].short}
            </Button>
          ))}
        </InlineStack>
      </div>
      <Text as="p" tone="subdued" variant="bodySm">
        {chosen.length === 0 ? "Every day." : "Only on the days chosen."}
      </Text>
      {error && <InlineError message={error} fieldID="weekday-chips-label" />}
    </BlockStack>
  );
}

/** Help in a merchant's words for a plain field, from its kind. */
function plainHelp(schema: ArgSchema<unknown>): string | undefined {
  const words =
    schema.kind === "money"
      ? "An amount in the shop currency, e.g. 50.00."
      : schema.kind === "integer"
        ? `${schema.hint.charAt(0).toUpperCase()}${schema.hint.slice(1)}.`
        : undefined;
  return [words, schema.help].filter(Boolean).join(" ") || undefined;
}

export function RuleField(props: RuleFieldProps) {
  const { name, label, schema, value, error, helpText, onChange } = props;
  const { vocabulary, timeZone } = useEditorStore();
  const change = useCallback((next: string) => onChange(name, next), [name, onChange]);
  const picker = pickerType(schema);
  const setIds = useCallback((ids: string[]) => onChange(name, idsValue(ids)), [name, onChange]);
  const countries = useMemo(
    () => (schema.item?.kind === "countryCode" ? countryChoices().map(({ code, name: country }) => ({ value: code, label: country })) : []),
    [schema],
  );
  if (picker) return <ResourceListField label={label} value={value} error={error} helpText={helpText} type={picker} onIds={setIds} />;
  if (schema.kind === "flag") {
    return (
      <Checkbox
        label={label}
        checked={value === "true"}
        onChange={(checked) => change(checked ? "true" : "")}
        error={error}
        helpText={helpText ?? schema.help}
      />
    );
  }
  if (schema.kind === "enum" && schema.options) {
    // Left unset, an optional choice means its default: that option is the empty one.
    const unset = unsetWords(schema);
    const options = [
      { label: unset ?? "Choose", value: "" },
      ...schema.options.filter((option) => optionWords(schema, option) !== unset).map((option) => ({ label: optionWords(schema, option), value: option })),
    ];
    const shown = value && optionWords(schema, value) === unset ? "" : value;
    return <Select label={label} options={options} value={shown} onChange={change} error={error} helpText={helpText} />;
  }
  if (schema.kind === "timeOfDay") {
    return (
      <TextField
        label={`${label} (${timeZone})`}
        type="time"
        name={name}
        value={timeForField(value)}
        onChange={(next) => change(timeFromField(next))}
        autoComplete="off"
        error={error}
        helpText={helpText}
      />
    );
  }
  if (schema.kind === "list" && schema.item?.kind === "enum" && schema.item.options) {
    if (schema.item.options.length === WEEKDAYS.length && schema.item.options.every((option, index) => option === WEEKDAYS[index])) {
      return <WeekdayChips label={label} value={value} error={error} onChange={change} />;
    }
    return (
      <ChoiceList
        allowMultiple
        title={label}
        choices={schema.item.options.map((option) => ({ label: optionWords(schema, option), value: option }))}
        selected={splitList(value)}
        onChange={(selected) => change(selected.join(","))}
        error={error}
      />
    );
  }
  if (schema.kind === "list" && schema.item?.kind === "countryCode") {
    return (
      <ValueListField
        name={name}
        label={label}
        values={splitList(value)}
        suggestions={countries}
        display={countryName}
        allowNew={false}
        error={error}
        helpText={helpText ?? "Search by country name."}
        onValues={(values) => change(values.join("\n"))}
      />
    );
  }
  if (schema.kind === "list") {
    const suggestions = suggestionsFor(name, vocabulary).map((entry) => ({ value: entry, label: entry }));
    return (
      <ValueListField
        name={name}
        label={label}
        values={splitList(value)}
        suggestions={suggestions}
        allowNew
        error={error}
        helpText={helpText ?? (suggestions.length > 0 ? "Choose from your store, or type one and add it." : "Type one and add it.")}
        onValues={(values) => change(values.join("\n"))}
      />
    );
  }
  return (
    <TextField
      label={label}
      name={name}
      value={value}
      onChange={change}
      autoComplete="off"
      inputMode={schema.kind === "money" || schema.kind === "percentage" ? "decimal" : schema.kind === "integer" ? "numeric" : undefined}
      suffix={schema.kind === "percentage" ? "%" : undefined}
      helpText={helpText ?? plainHelp(schema)}
      error={error}
    />
  );
}
