import { useState, type FormEvent } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import { formatDateTime } from "~/lib/format";
import { ALERT_TITLES, ALERT_TONES } from "~/components/pools/pool-text";
import type { AlertData, PoolSettingsData } from "./types";
import { DisabledReason, gate, PermissionButton, type ViewerPermissions } from "~/components/governance";
import { useFormCheck } from "~/components/form-check";
import { alertSettingsFormSchema } from "~/domain/pools/rules";

/** Coupon Availability Alerts: the threshold alert's settings and the pool's recent alerts. */
export function AlertSettingsCard({ pool, alerts, help, viewer }: { pool: PoolSettingsData; alerts: AlertData[]; help: string; viewer: ViewerPermissions }) {
  const permission = gate(viewer, "pool.manage");
  const fetcher = useFetcher<{ errors?: Record<string, string> }>();
  const [enabled, setEnabled] = useState(pool.lowStockAlertEnabled);
  const [threshold, setThreshold] = useState(String(pool.lowStockThreshold));
  // Checked with the form's schema before posting (the action reads it with the same one).
  const { errors, check } = useFormCheck(alertSettingsFormSchema, fetcher.data?.errors);
  const checkFirst = (event: FormEvent<HTMLFormElement>) => {
    if (!check(new FormData(event.currentTarget))) event.preventDefault();
  };
  const changed = enabled !== pool.lowStockAlertEnabled || threshold !== String(pool.lowStockThreshold);

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Coupon Availability Alerts
        </Text>
        <fetcher.Form method="post" action="?intent=alerts" onSubmit={checkFirst}>
          <input type="hidden" name="enabled" value={String(enabled)} />
          <BlockStack gap="300">
            <Checkbox label="Alert when coupons drop below" checked={enabled} onChange={setEnabled} disabled={!permission.allowed} />
            <TextField
              label="Set threshold"
              name="threshold"
              type="number"
              min={1}
              value={threshold}
              onChange={setThreshold}
              suffix="coupons"
              autoComplete="off"
              disabled={!enabled || !permission.allowed}
              helpText="The minimum number of available coupons before an alert is raised."
              error={errors?.threshold}
            />
            <DisabledReason reason={permission.reason} />
            <InlineStack align="end">
              <PermissionButton {...permission} submit disabled={!changed} loading={fetcher.state !== "idle"}>
                Save alert settings
              </PermissionButton>
            </InlineStack>
          </BlockStack>
        </fetcher.Form>
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
        {alerts.length > 0 && (
          <Box paddingBlockStart="200">
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                Recent alerts
              </Text>
              {alerts.map((alert) => (
                <BlockStack key={alert.id} gap="050">
                  <InlineStack gap="200" blockAlign="center">
                    <Badge tone={alert.clearedAt ? undefined : ALERT_TONES[alert.kind]}>{ALERT_TITLES[alert.kind]}</Badge>
                    <Text as="span" variant="bodySm" tone="subdued">
                      {formatDateTime(alert.firedAt, pool.timeZone)}
                      {alert.clearedAt ? ` · cleared ${formatDateTime(alert.clearedAt, pool.timeZone)}` : " · open"}
                    </Text>
                  </InlineStack>
                  <Text as="p" variant="bodySm">
                    {alert.detail}
                  </Text>
                </BlockStack>
              ))}
            </BlockStack>
          </Box>
        )}
      </BlockStack>
    </Card>
  );
}
