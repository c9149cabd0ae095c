// A playbook's variables, edited together and saved as its next version: amounts (and whether each
// is converted to a store's currency when applied), dates as days after applying, the handles and
// SKUs that find products, variants and collections in each store, codes and code prefixes.
import { useEffect, useState } from "react";
import { BlockStack, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import { variableField, type VariableKind } from "~/domain/agency/variables";
import { useAgencyFetcher } from "./use-agency-fetcher";

export interface VariableRow {
  key: string;
  label: string;
  kind: VariableKind;
  text: string;
  convert: boolean;
}

const GROUPS: { title: string; kinds: VariableKind[]; help: string }[] = [
  {
    title: "Amounts",
    kinds: ["money"],
    help: "In the playbook's currency. A converted amount is asked for in the store's currency when the playbook is applied to a store that sells in another one; the others are used as they are.",
  },
  { title: "Dates", kinds: ["date"], help: "Days after the moment the playbook is applied." },
  { title: "Products and collections", kinds: ["collection", "product", "variant"], help: "Found in each store by handle (variants by SKU)." },
  { title: "Codes", kinds: ["code", "codePrefix"], help: "The shared code, or the prefix of generated codes." },
];

const FIELD_LABEL: Record<VariableKind, string> = {
  money: "Amount",
  date: "Days after applying",
  collection: "Collection handle",
  product: "Product handle",
  variant: "Variant SKU",
  code: "Code",
  codePrefix: "Code prefix",
};

/** The form's values for the variables as the playbook holds them. */
const formOf = (variables: VariableRow[]) =>
  Object.fromEntries(
    variables.flatMap((variable) => [
      [variableField(variable.key, "value"), variable.text],
      [variableField(variable.key, "convert"), variable.convert ? "true" : ""],
    ]),
  );

export function VariablesCard({
  playbookId,
  version,
  currency,
  variables,
  gate,
}: {
  playbookId: number;
  version: number;
  currency: string;
  variables: VariableRow[];
  gate: { allowed: boolean; reason: string | null };
}) {
  const [values, setValues] = useState<Record<string, string>>(() => formOf(variables));
  const [note, setNote] = useState("");
  // A saved version reloads the page's data: show what it holds now.
  useEffect(() => setValues(formOf(variables)), [variables]);
  const { post, busy, errors } = useAgencyFetcher(`/app/playbooks/${playbookId}`, () => setNote(""));
  const set = (name: string) => (value: string) => setValues((current) => ({ ...current, [name]: value }));
  if (variables.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Variables
        </Text>
        {GROUPS.map((group) => {
          const rows = variables.filter((variable) => group.kinds.includes(variable.kind));
          if (rows.length === 0) return null;
          return (
            <BlockStack gap="200" key={group.title}>
              <Text as="h3" variant="headingSm">
                {group.title}
              </Text>
              <Text as="p" tone="subdued" variant="bodySm">
                {group.help}
              </Text>
              {rows.map((variable) => {
                const field = variableField(variable.key, "value");
                const convert = variableField(variable.key, "convert");
                return (
                  <InlineStack key={variable.key} gap="300" blockAlign="end" wrap={false}>
                    <div style={{ flex: 1 }}>
                      <TextField
                        label={variable.label}
                        helpText={FIELD_LABEL[variable.kind]}
                        prefix={variable.kind === "money" ? currency : undefined}
                        value={values[field] ?? ""}
                        onChange={set(field)}
                        error={errors[field]}
                        autoComplete="off"
                        disabled={!gate.allowed}
                      />
                    </div>
                    {variable.kind === "money" && (
                      <Checkbox
                        label="Convert"
                        helpText="per store"
                        checked={values[convert] === "true"}
                        onChange={(on) => set(convert)(on ? "true" : "")}
                        disabled={!gate.allowed}
                      />
                    )}
                  </InlineStack>
                );
              })}
            </BlockStack>
          );
        })}
        <TextField label="What changed (kept with the version)" value={note} onChange={setNote} autoComplete="off" error={errors.note} />
        {errors.general && (
          <Text as="p" tone="critical">
            {errors.general}
          </Text>
        )}
        <InlineStack>
          <PermissionButton {...gate} loading={busy} onClick={() => post("variables", { ...values, note, version: String(version) })}>
            {`Save as version ${version + 1}`}
          </PermissionButton>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
