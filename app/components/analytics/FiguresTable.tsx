// One row per campaign, code, pool or channel with the figures every analytics table shows, in
// the same order as the CSV export (app/routes/app.analytics.export.tsx).
import { IndexTable, Link, Text } from "@shopify/polaris";
import type { KeyFigures } from "~/domain/analytics/types";
import { formatCount, formatLift, formatMoney } from "~/lib/format";
import { liftAgainst } from "~/domain/analytics/lift";
import { profitText } from "~/components/analytics/figures-text";

export interface FiguresTableProps {
  rows: KeyFigures[];
  /** "campaign", "code", … for the table's counts and empty message. */
  noun: { singular: string; plural: string };
  currency: string;
  /** The store's AOV without codes in the period: each row's AOV lift is against it. */
  aovWithoutCode: string | null;
  /** Where a row's name leads, if anywhere. */
  linkOf?: (row: KeyFigures) => string | null;
}

const number = (text: string) => (
  <Text as="span" alignment="end" numeric>
    {text}
  </Text>
);

export function FiguresTable({ rows, noun, currency, aovWithoutCode, linkOf }: FiguresTableProps) {
  return (
    <IndexTable
      resourceName={noun}
      itemCount={rows.length}
      selectable={false}
      emptyState={
        <Text as="p" tone="subdued" alignment="center">
          No {noun.singular} was used in this period.
        </Text>
      }
      headings={[
        { title: noun.singular[0].toUpperCase() + noun.singular.slice(1) },
        { title: "Influenced revenue", alignment: "end" },
        { title: "Redemptions", alignment: "end" },
        { title: "Gross revenue", alignment: "end" },
        { title: "Discount given", alignment: "end" },
        { title: "Net revenue", alignment: "end" },
        { title: "Gross profit", alignment: "end" },
        { title: "AOV (lift)", alignment: "end" },
        { title: "Influenced / leaked / applied", alignment: "end" },
        { title: "New / returning", alignment: "end" },
      ]}
    >
      {rows.map((row, index) => {
        const { figures } = row;
        const link = linkOf?.(row) ?? null;
        const lift = liftAgainst(figures.aov, aovWithoutCode);
        return (
          <IndexTable.Row id={row.key} key={row.key} position={index}>
            <IndexTable.Cell>
              {link ? (
                <Link url={link} removeUnderline dataPrimaryLink>
                  <Text as="span" fontWeight="semibold">
                    {row.label}
                  </Text>
                </Link>
              ) : (
                <Text as="span" fontWeight="semibold">
                  {row.label}
                </Text>
              )}
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric fontWeight="semibold">
                {formatMoney(figures.influencedRevenue, currency)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{number(formatCount(figures.redemptions))}</IndexTable.Cell>
            <IndexTable.Cell>{number(formatMoney(figures.grossRevenue, currency))}</IndexTable.Cell>
            <IndexTable.Cell>{number(formatMoney(figures.discountGiven, currency))}</IndexTable.Cell>
            <IndexTable.Cell>{number(formatMoney(figures.netRevenue, currency))}</IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric tone={figures.grossProfit === null ? "subdued" : undefined}>
                {profitText(figures, currency)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{number(`${formatMoney(figures.aov, currency)} (${formatLift(lift)})`)}</IndexTable.Cell>
            <IndexTable.Cell>{number(`${formatCount(figures.influenced)} / ${formatCount(figures.leaked)} / ${formatCount(figures.applied)}`)}</IndexTable.Cell>
            <IndexTable.Cell>{number(`${formatCount(figures.newCustomers)} / ${formatCount(figures.returningCustomers)}`)}</IndexTable.Cell>
          </IndexTable.Row>
        );
      })}
    </IndexTable>
  );
}
