// A campaign's holdout result: treated vs held-out recipients side by side, the incremental
// orders, revenue and profit with their 95% ranges, the verdict and the sentence that explains it,
// and a chart of revenue per recipient. Takes what holdoutComparison (or a variant of
// experimentComparison) returns; null shows how a holdout would be set up instead.
import { useEffect, useState } from "react";
import { Badge, BlockStack, Box, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { Estimate, HoldoutComparison, Verdict } from "~/domain/analytics/types";
import { formatCount, formatMoney } from "~/lib/format";

export interface HoldoutResultCardProps {
  comparison: HoldoutComparison | null;
  /** The shop's currency code, e.g. "USD". */
  currency: string;
  /** Defaults to "Incremental profit"; variants pass their name. */
  title?: string;
  /** What the treated are compared with, for the table's header: "Held out" (default) or a variant's name. */
  baselineName?: string;
}

const VERDICT_TONES: Record<Verdict, "success" | "critical" | undefined> = { positive: "success", negative: "critical", "not yet significant": undefined };
const VERDICT_LABELS: Record<Verdict, string> = { positive: "Positive", negative: "Negative", "not yet significant": "Not yet significant" };

const perRecipient = (total: string | null, recipients: number) => (total === null || recipients === 0 ? null : Number(total) / recipients);
const share = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : "—");

function range(estimate: Estimate | null, format: (value: string) => string): string {
  if (!estimate) return "Needs a cost for every product sold";
  return `${format(estimate.value)} (95%: ${format(estimate.low)} to ${format(estimate.high)})`;
}

export function HoldoutResultCard({ comparison, currency, title = "Incremental profit", baselineName = "Held out" }: HoldoutResultCardProps) {
  const money = (value: number | string | null) => formatMoney(value, currency);
  if (!comparison) {
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Text as="p" tone="subdued">
            No holdout yet. Hold out a share of this campaign&apos;s recipients (they get no code) to measure the profit it adds over what they would have
            bought anyway.
          </Text>
        </BlockStack>
      </Card>
    );
  }
  const { treated, heldOut } = comparison;
  const rows = [
    ["Recipients", formatCount(treated.recipients), formatCount(heldOut.recipients)],
    ["Bought within the window", share(treated.converted, treated.recipients), share(heldOut.converted, heldOut.recipients)],
    ["Revenue per recipient", money(perRecipient(treated.revenue, treated.recipients)), money(perRecipient(heldOut.revenue, heldOut.recipients))],
    ["Profit per recipient", money(perRecipient(treated.profit, treated.recipients)), money(perRecipient(heldOut.profit, heldOut.recipients))],
  ];
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Badge tone={VERDICT_TONES[comparison.verdict]}>{VERDICT_LABELS[comparison.verdict]}</Badge>
        </InlineStack>
        <Text as="p">{comparison.explanation}</Text>
        <DataTable columnContentTypes={["text", "numeric", "numeric"]} headings={["", "Treated", baselineName]} rows={rows} />
        <BlockStack gap="100">
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              Incremental profit:
            </Text>{" "}
            {range(comparison.incrementalProfit, money)}
          </Text>
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              Incremental revenue:
            </Text>{" "}
            {range(comparison.incrementalRevenue, money)}
          </Text>
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              Incremental orders:
            </Text>{" "}
            {range(comparison.incrementalOrders, (value) => value)}
          </Text>
        </BlockStack>
        <RevenuePerRecipientChart
          currency={currency}
          baselineName={baselineName}
          treated={perRecipient(treated.revenue, treated.recipients) ?? 0}
          baseline={perRecipient(heldOut.revenue, heldOut.recipients) ?? 0}
        />
        <Text as="p" variant="bodySm" tone="subdued">
          Orders within {comparison.windowDays} days of each recipient getting a code (or being held out) count; recent recipients count with the days they have
          had so far. Totals are for all treated recipients; the range is where the true figure lies with 95% confidence.
        </Text>
      </BlockStack>
    </Card>
  );
}

/** React 18 doesn't know the inert attribute; passed as a plain attribute it reaches the DOM. */
const INERT: Record<string, string> = { inert: "" };

// polaris-viz measures the browser and cannot render on the server: the chart draws once the
// page has hydrated, a box of its height holds the place until then.
function RevenuePerRecipientChart({
  treated,
  baseline,
  baselineName,
  currency,
}: {
  treated: number;
  baseline: number;
  baselineName: string;
  currency: string;
}) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const money = (value: string | number | null) => formatMoney(value ?? 0, currency);
  return (
    <div style={{ height: 200 }} role="figure" aria-label="Revenue per recipient, treated vs held out" data-chart="holdout-revenue">
      {hydrated ? (
        // inert, as the other charts (Charts.tsx): the chart library's markup carries ARIA roles
        // without their required parts; the figure's label and the card's figures say it all.
        <div {...INERT} style={{ height: "100%" }}>
          <PolarisVizProvider>
            <BarChart
              theme="Light"
              data={[
                { name: "Treated", data: [{ key: "Revenue per recipient", value: treated }] },
                { name: baselineName, data: [{ key: "Revenue per recipient", value: baseline }] },
              ]}
              yAxisOptions={{ labelFormatter: money }}
              tooltipOptions={{ valueFormatter: money }}
            />
          </PolarisVizProvider>
        </div>
      ) : (
        <Box minHeight="200px" background="bg-surface-secondary" borderRadius="200" />
      )}
    </div>
  );
}
