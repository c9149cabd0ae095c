// What checkout makes of the tested cart: the totals and lines, then each PromoGuard discount —
// what it takes off each item and why it leaves items out — with every code entered: applied, or
// refused with the message the shopper sees and why. UI only.
import { Badge, Banner, BlockStack, Card, DataTable, InlineStack, Link, List, Text } from "@shopify/polaris";
import type { CartSimulation, SimulatedCode, SimulatedDiscount } from "~/domain/simulator/simulation";
import { formatMoney } from "~/lib/format";

type Money = (amount: string) => string;

function moneyIn(currencyCode: string): Money {
  return (amount) => formatMoney(amount, currencyCode);
}

const VERDICT_BADGES: Record<SimulatedCode["verdict"], { tone: "success" | "critical" | "attention"; label: string }> = {
  applied: { tone: "success", label: "Applied" },
  refused: { tone: "critical", label: "Refused" },
  "not priced": { tone: "attention", label: "Not priced here" },
};

function CodeVerdict({ code }: { code: SimulatedCode }) {
  const badge = VERDICT_BADGES[code.verdict];
  // The guard's refusal is its own reason: said once.
  const why = code.reasons.filter((reason) => reason !== code.shopperMessage);
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" fontWeight="semibold">
          {code.code}
        </Text>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </InlineStack>
      {code.shopperMessage && <Text as="p">{`The shopper sees: “${code.shopperMessage}”`}</Text>}
      {why.length > 0 && (
        <BlockStack gap="050">
          <Text as="p" tone="subdued">
            Why:
          </Text>
          <List type="bullet">
            {why.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </BlockStack>
      )}
    </BlockStack>
  );
}

function DiscountCard({ discount, money }: { discount: SimulatedDiscount; money: Money }) {
  const perClass = [
    discount.amounts.product && `${money(discount.amounts.product)} off items`,
    discount.amounts.order && `${money(discount.amounts.order)} off the order`,
    discount.amounts.shipping && `${money(discount.amounts.shipping)} off shipping`,
  ]
    .filter(Boolean)
    .join(", ");
  const notes = discount.lines.some((line) => line.notes.length > 0);
  return (
    <section aria-label={discount.title}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingMd">
                {discount.campaign ? <Link url={`/app/campaigns/${discount.campaign.id}`}>{discount.title}</Link> : discount.title}
              </Text>
              <Badge tone={discount.applied ? "success" : undefined}>{discount.applied ? "Applies" : "Gives nothing"}</Badge>
            </InlineStack>
            {discount.applied && <Text as="span" variant="headingMd">{`−${money(discount.amount)}`}</Text>}
          </InlineStack>
          {perClass && (
            <Text as="p" tone="subdued">
              {perClass}
            </Text>
          )}
          {discount.codes.map((code) => (
            <CodeVerdict key={code.code} code={code} />
          ))}
          {(discount.applied || notes) && discount.lines.length > 0 && (
            <DataTable
              columnContentTypes={["text", "numeric", "text"]}
              headings={["Item", "Off this item", "Notes"]}
              rows={discount.lines.map((line) => [line.title, Number(line.amount) > 0 ? `−${money(line.amount)}` : "—", line.notes.join(" ")])}
            />
          )}
        </BlockStack>
      </Card>
    </section>
  );
}

export function SimulationResults({ simulation }: { simulation: CartSimulation }) {
  const money = moneyIn(simulation.currencyCode);
  const { totals } = simulation;
  const totalRows: [string, string][] = [
    ["Subtotal", money(totals.subtotal)],
    ...(Number(totals.lineDiscounts) > 0 ? [["Item discounts", `−${money(totals.lineDiscounts)}`] as [string, string]] : []),
    ...(Number(totals.orderDiscounts) > 0 ? [["Order discounts", `−${money(totals.orderDiscounts)}`] as [string, string]] : []),
    ["Shipping", money(totals.shipping)],
    ...(Number(totals.shippingDiscounts) > 0 ? [["Shipping discount", `−${money(totals.shippingDiscounts)}`] as [string, string]] : []),
    ["Total", money(totals.total)],
  ];
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            At checkout
          </Text>
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
            headings={["Item", "Quantity", "Price", "Discount", "Total"]}
            rows={simulation.lines.map((line) => [
              line.title,
              line.quantity,
              money(line.subtotal),
              Number(line.discount) > 0 ? `−${money(line.discount)}` : "—",
              money(line.total),
            ])}
          />
          {totalRows.map(([label, value]) => (
            <InlineStack key={label} align="space-between">
              <Text as="span" fontWeight={label === "Total" ? "bold" : undefined}>
                {label}
              </Text>
              <Text as="span" fontWeight={label === "Total" ? "bold" : undefined}>
                {value}
              </Text>
            </InlineStack>
          ))}
        </BlockStack>
      </Card>
      {simulation.notPriced.length > 0 && (
        <Banner tone="info" title="Automatic discounts made outside PromoGuard">
          {`${simulation.notPriced.join(", ")} may apply too: Shopify applies them by its own rules, which the simulator doesn't run.`}
        </Banner>
      )}
      {simulation.discounts.length === 0 && simulation.otherCodes.length === 0 && (
        <Card>
          <Text as="p" tone="subdued">
            No PromoGuard discount applies to this cart, and no code was entered.
          </Text>
        </Card>
      )}
      {simulation.discounts.map((discount) => (
        <DiscountCard key={discount.discountId ?? discount.title} discount={discount} money={money} />
      ))}
      {simulation.otherCodes.length > 0 && (
        <Card>
          <BlockStack gap="300">
            <Text as="h3" variant="headingMd">
              Other codes
            </Text>
            {simulation.otherCodes.map((code) => (
              <CodeVerdict key={code.code} code={code} />
            ))}
          </BlockStack>
        </Card>
      )}
    </BlockStack>
  );
}
