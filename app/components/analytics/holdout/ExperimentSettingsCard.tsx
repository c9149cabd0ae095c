// The campaign's measurement settings: the share of recipients held out, the comparison window,
// the experiment its variants share and the UTM tag that ties a shared code's orders to it.
// Saves through /app/campaigns/:id/experiment with a fetcher, so any page can place it.
import { useEffect, useMemo, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField, Tooltip } from "@shopify/polaris";
import {
  experimentSettingsSchemaFor,
  HOLDOUT_PERCENT_MAX,
  NAME_MAX_LENGTH,
  WINDOW_DAYS_MAX,
  WINDOW_DAYS_MIN,
  settingsForm,
  type ExperimentSettings,
  type ExperimentSettingsForm,
} from "~/domain/analytics/experiment-settings";
import { useFormCheck } from "~/components/form-check";

export interface ExperimentSettingsCardProps {
  campaignId: number;
  settings: ExperimentSettings;
  /** Whether the campaign hands out pool codes (only those can hold recipients out). */
  hasPool: boolean;
  /** The viewer may change the settings (campaign.publish); otherwise the fields are read-only. */
  canEdit: boolean;
  /** whyNot(role, "campaign.publish"), shown on the disabled Save button. */
  whyNotEdit?: string | null;
  onSaved?: (settings: ExperimentSettings) => void;
}

type SaveResult = { ok: true; settings: ExperimentSettings } | { ok: false; errors: Record<string, string> };

export function ExperimentSettingsCard({ campaignId, settings, hasPool, canEdit, whyNotEdit, onSaved }: ExperimentSettingsCardProps) {
  const fetcher = useFetcher<SaveResult>();
  const [values, setValues] = useState(() => settingsForm(settings));
  const [saved, setSaved] = useState(() => settingsForm(settings));
  useEffect(() => {
    const loaded = settingsForm(settings);
    setValues(loaded);
    setSaved(loaded);
  }, [settings]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) {
      setSaved(settingsForm(fetcher.data.settings));
      onSaved?.(fetcher.data.settings);
    }
  }, [fetcher.state, fetcher.data, onSaved]);

  // Checked with the form's schema (and the campaign's pool rule) before posting; the action reads
  // the form with the same schema.
  const schema = useMemo(() => experimentSettingsSchemaFor(hasPool), [hasPool]);
  const { errors = {}, check } = useFormCheck(schema, fetcher.data && !fetcher.data.ok ? fetcher.data.errors : undefined);
  const changed = (Object.keys(values) as (keyof ExperimentSettingsForm)[]).some((key) => values[key] !== saved[key]);
  const busy = fetcher.state !== "idle";
  const field = (name: keyof ExperimentSettingsForm) => ({
    value: values[name],
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    error: errors[name],
    disabled: !canEdit,
    autoComplete: "off",
    name,
  });
  const save = () => {
    if (check(values)) fetcher.submit(values, { method: "post", action: `/app/campaigns/${campaignId}/experiment` });
  };
  const button = (
    <Button variant="primary" onClick={save} loading={busy} disabled={!canEdit || !changed}>
      Save measurement settings
    </Button>
  );

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Measurement
        </Text>
        {fetcher.state === "idle" && fetcher.data?.ok && !changed && <Banner tone="success">Measurement settings saved.</Banner>}
        <FormLayout>
          <FormLayout.Group>
            <TextField
              label="Holdout share"
              type="number"
              min={0}
              max={HOLDOUT_PERCENT_MAX}
              suffix="%"
              helpText={
                hasPool
                  ? `Recipients (0–${HOLDOUT_PERCENT_MAX}%) who get no code, chosen at random, to measure the profit the campaign adds.`
                  : "Only campaigns with pool codes can hold recipients out."
              }
              {...field("holdoutPercent")}
            />
            <TextField
              label="Comparison window"
              type="number"
              min={WINDOW_DAYS_MIN}
              max={WINDOW_DAYS_MAX}
              suffix="days"
              helpText="Orders within this many days of a recipient getting a code (or being held out) count."
              {...field("holdoutWindowDays")}
            />
          </FormLayout.Group>
          <FormLayout.Group>
            <TextField
              label="Experiment"
              maxLength={NAME_MAX_LENGTH}
              helpText="Campaigns with the same experiment name are compared as variants for one audience (e.g. 10% off vs free shipping)."
              {...field("experiment")}
            />
            <TextField
              label="UTM campaign tag"
              maxLength={NAME_MAX_LENGTH}
              helpText="Orders of a shared code arriving with this utm_campaign count as influenced."
              {...field("utmCampaign")}
            />
          </FormLayout.Group>
        </FormLayout>
        <InlineStack align="end">{canEdit ? button : <Tooltip content={whyNotEdit ?? "You can't change these settings."}>{button}</Tooltip>}</InlineStack>
      </BlockStack>
    </Card>
  );
}
