// The audit log's filters: who, what, which entity, when. Applied through the URL so a filtered
// view can be bookmarked, shared and exported exactly as seen.
import { useState } from "react";
import { Button, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";

export interface AuditFilterValues {
  actor: string;
  action: string;
  entityType: string;
  entity: string;
  from: string;
  to: string;
}

export interface AuditFilterChoices {
  actors: { value: string; label: string }[];
  actions: { value: string; label: string }[];
  entityTypes: string[];
}

export function AuditFilterBar({
  filters,
  choices,
  errors,
  onApply,
}: {
  filters: AuditFilterValues;
  choices: AuditFilterChoices;
  errors: Partial<Record<keyof AuditFilterValues, string>>;
  onApply: (filters: AuditFilterValues) => void;
}) {
  const [values, setValues] = useState(filters);
  const set = (key: keyof AuditFilterValues) => (value: string) => setValues((current) => ({ ...current, [key]: value }));
  const any = (label: string) => ({ label, value: "" });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <FormLayout>
        <FormLayout.Group condensed>
          <Select label="Who" options={[any("Anyone"), ...choices.actors]} value={values.actor} onChange={set("actor")} error={errors.actor} />
          <Select label="Action" options={[any("Any action"), ...choices.actions]} value={values.action} onChange={set("action")} />
          <Select
            label="Entity type"
            options={[any("Any type"), ...choices.entityTypes.map((type) => ({ label: type, value: type }))]}
            value={values.entityType}
            onChange={set("entityType")}
          />
        </FormLayout.Group>
        <FormLayout.Group condensed>
          <TextField
            label="Entity"
            placeholder="Id or name"
            value={values.entity}
            onChange={set("entity")}
            autoComplete="off"
            clearButton
            onClearButtonClick={() => set("entity")("")}
          />
          <TextField label="From" type="date" value={values.from} onChange={set("from")} autoComplete="off" error={errors.from} />
          <TextField label="To" type="date" value={values.to} onChange={set("to")} autoComplete="off" error={errors.to} />
        </FormLayout.Group>
        <InlineStack gap="200">
          <Button submit variant="primary">
            Apply filters
          </Button>
          <Button
            onClick={() => {
              const cleared = { actor: "", action: "", entityType: "", entity: "", from: "", to: "" };
              setValues(cleared);
              onApply(cleared);
            }}
          >
            Clear
          </Button>
        </InlineStack>
      </FormLayout>
    </form>
  );
}
