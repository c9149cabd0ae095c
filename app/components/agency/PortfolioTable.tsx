// The portfolio: a row per store, and under it a row per playbook whose campaigns run there. Each
// store's money is in its own currency (never added across stores); each store links to its own
// analytics for the same period.
import { Fragment } from "react";
import { Badge, DataTable, Link, Text } from "@shopify/polaris";
import type { PortfolioFigures } from "~/domain/agency/portfolio.server";
import { formatCount, formatMoney, formatShare } from "~/lib/format";

export interface PortfolioRow {
  store: { domain: string; name: string; currencyCode: string };
  role: string;
  link: string;
  figures: PortfolioFigures;
  playbooks: { playbookId: number; name: string; versions: number[]; campaigns: number; figures: PortfolioFigures }[];
}

function profit(figures: PortfolioFigures, currency: string) {
  const estimate = figures.incrementalProfit;
  if (!estimate) return figures.holdoutCampaigns > 0 ? "Not measured yet" : "No holdout";
  return `${formatMoney(estimate.value, currency)} (${formatMoney(estimate.low, currency)} to ${formatMoney(estimate.high, currency)})`;
}

function cells(figures: PortfolioFigures, currency: string) {
  return [
    formatMoney(figures.influencedRevenue, currency),
    profit(figures, currency),
    formatMoney(figures.discountCost, currency),
    formatShare(figures.leaked, figures.redemptions),
    formatCount(figures.liveCampaigns),
    formatCount(figures.poolAlerts),
    formatCount(figures.openApprovals),
  ];
}

export function PortfolioTable({ rows }: { rows: PortfolioRow[] }) {
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
      headings={[
        "Store / playbook",
        "Influenced revenue",
        "Incremental profit (95% interval)",
        "Discount cost",
        "Leak rate",
        "Live campaigns",
        "Pool alerts",
        "Open approvals",
      ]}
      rows={rows.flatMap((row) => [
        [
          <Fragment key={row.store.domain}>
            <Link url={row.link} target={row.link.startsWith("/") ? undefined : "_top"}>
              {row.store.name}
            </Link>{" "}
            <Badge>{row.role}</Badge>
          </Fragment>,
          ...cells(row.figures, row.store.currencyCode),
        ],
        ...row.playbooks.map((playbook) => [
          <Text as="span" key={`${row.store.domain}-${playbook.playbookId}`} tone="subdued">
            {`↳ ${playbook.name} (${playbook.campaigns} ${playbook.campaigns === 1 ? "campaign" : "campaigns"}, version ${playbook.versions.join(", ") || "—"})`}
          </Text>,
          ...cells(playbook.figures, row.store.currencyCode),
        ]),
      ])}
    />
  );
}
