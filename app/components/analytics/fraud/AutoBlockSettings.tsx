// The automatic-blocking settings of the fraud page: posted as a plain form, checked first with
// the settings' schema (autoBlockSettingsSchema), the one the action reads it with.
import { useState, type FormEvent } from "react";
import { Form, useActionData } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import { autoBlockSettingsSchema } from "~/domain/analytics/fraud-settings";
import { useFormCheck } from "~/components/form-check";

export function AutoBlockSettings({
  settings,
  refusal,
  busy,
}: {
  settings: { enabled: boolean; minClusterSize: number };
  refusal: string | null;
  busy: boolean;
}) {
  const [enabled, setEnabled] = useState(settings.enabled);
  const [size, setSize] = useState(String(settings.minClusterSize));
  const actionData = useActionData<{ errors?: Record<string, string> }>();
  // The settings' own schema checks the form before it is posted; the server answers with the
  // same message on the same field.
  const { errors, check } = useFormCheck(autoBlockSettingsSchema, actionData?.errors);
  const checkFirst = (event: FormEvent<HTMLFormElement>) => {
    if (!check(new FormData(event.currentTarget))) event.preventDefault();
  };
  return (
    <Card>
      <Form method="post" action="?intent=settings" onSubmit={checkFirst}>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Automatic blocking
          </Text>
          <Text as="p" tone="subdued">
            When a new cluster reaches this many customers, PromoGuard blocks them without waiting for a review. Every automatic block is in the audit log with
            its reason.
          </Text>
          <input type="hidden" name="enabled" value={String(enabled)} />
          <Checkbox
            label="Block large clusters automatically"
            checked={enabled}
            onChange={setEnabled}
            disabled={refusal !== null}
            helpText={refusal ?? undefined}
          />
          <TextField
            label="Minimum customers in a cluster"
            name="minClusterSize"
            type="number"
            autoComplete="off"
            value={size}
            onChange={setSize}
            disabled={refusal !== null}
            error={errors?.minClusterSize}
          />
          <InlineStack>
            <Button submit disabled={refusal !== null || busy}>
              Save
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
