// Charts (polaris-viz). polaris-viz measures the browser (navigator, layout effects) and throws
// during server rendering, so a chart draws only once the page has hydrated; until then a box of
// the same height holds its place, and the figures beside it are already readable.
import { useEffect, useState, type ReactNode } from "react";
import { Box, InlineStack, Text } from "@shopify/polaris";
import { DonutChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { DayFigures, Figures } from "~/domain/analytics/types";
import { formatDay } from "~/domain/analytics/date-range";
import { formatCount, formatMoney } from "~/lib/format";

const CHART_HEIGHT = 260;

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The chart once hydrated, a placeholder of its height before. */
/** React 18 doesn't know the inert attribute; passed as a plain attribute it reaches the DOM. */
const INERT: Record<string, string> = { inert: "" };

function ChartFrame({ label, height = CHART_HEIGHT, children }: { label: string; height?: number; children: () => ReactNode }) {
  const hydrated = useHydrated();
  return (
    <div style={{ height }} role="figure" aria-label={label} data-chart={label}>
      {hydrated ? (
        // The chart library's own markup carries ARIA roles without their required parts (axe:
        // aria-required-children, svg-img-alt) and focusable points: inert keeps it out of the
        // keyboard and assistive tech; the figure's label names it, the page's tables hold the figures.
        <div {...INERT} style={{ height: "100%" }}>
          <PolarisVizProvider>{children()}</PolarisVizProvider>
        </div>
      ) : (
        <Box minHeight={`${height}px`} background="bg-surface-secondary" borderRadius="200">
          <InlineStack align="center" blockAlign="center">
            <Box paddingBlockStart="1000">
              <Text as="p" tone="subdued">
                Loading chart…
              </Text>
            </Box>
          </InlineStack>
        </Box>
      )}
    </div>
  );
}

const dayLabel = (value: string | number | null) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value, false) : String(value ?? "");

/** Net and influenced revenue per day. */
export function RevenueChart({ series, currency }: { series: DayFigures[]; currency: string }) {
  const money = (value: string | number | null) => formatMoney(value === null ? 0 : Number(value), currency);
  return (
    <ChartFrame label="Revenue over time">
      {() => (
        <LineChart
          theme="Light"
          isAnimated={false}
          data={[
            { name: "Net revenue", data: series.map(({ day, figures }) => ({ key: day, value: Number(figures.netRevenue) })) },
            { name: "Influenced revenue", data: series.map(({ day, figures }) => ({ key: day, value: Number(figures.influencedRevenue) })) },
          ]}
          xAxisOptions={{ labelFormatter: dayLabel }}
          yAxisOptions={{ labelFormatter: money }}
          tooltipOptions={{ valueFormatter: money, titleFormatter: dayLabel }}
        />
      )}
    </ChartFrame>
  );
}

/** Redemptions per day, and how many of them were influenced. */
export function RedemptionsChart({ series }: { series: DayFigures[] }) {
  const count = (value: string | number | null) => formatCount(Number(value ?? 0));
  return (
    <ChartFrame label="Redemptions over time">
      {() => (
        <LineChart
          theme="Light"
          isAnimated={false}
          data={[
            { name: "Redemptions", data: series.map(({ day, figures }) => ({ key: day, value: figures.redemptions })) },
            { name: "Influenced", data: series.map(({ day, figures }) => ({ key: day, value: figures.influenced })) },
          ]}
          xAxisOptions={{ labelFormatter: dayLabel }}
          yAxisOptions={{ labelFormatter: count, integersOnly: true }}
        />
      )}
    </ChartFrame>
  );
}

/** Influenced vs leaked vs applied redemptions. */
export function InfluenceDonut({ figures }: { figures: Pick<Figures, "influenced" | "leaked" | "applied"> }) {
  return (
    <ChartFrame label="Influenced, leaked and applied redemptions">
      {() => (
        <DonutChart
          theme="Light"
          isAnimated={false}
          legendPosition="right"
          data={[
            { name: "Influenced", data: [{ key: "Redemptions", value: figures.influenced }] },
            { name: "Leaked", data: [{ key: "Redemptions", value: figures.leaked }] },
            { name: "Applied", data: [{ key: "Redemptions", value: figures.applied }] },
          ]}
        />
      )}
    </ChartFrame>
  );
}
