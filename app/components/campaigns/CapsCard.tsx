// The campaign's budgets and daily cap on its page: how much of each is used, "Budget reached"
// once one stopped the campaign (with how far orders already in checkout went over it), and
// today's redemptions against the daily cap with when a paused campaign resumes.
import { Banner, BlockStack, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { BudgetKind, CapsView } from "~/domain/campaigns/caps.server";
import { formatCount, formatDateTime, formatMoney } from "~/lib/format";

const LABELS: Record<BudgetKind, string> = { discount: "Discounts given", revenue: "Revenue goal", redemptions: "Redemptions" };

function amount(kind: BudgetKind, value: number, currency: string): string {
  if (kind === "redemptions") return formatCount(value);
  return formatMoney(value, currency);
}

export function CapsBanner({ caps, timeZone }: { caps: CapsView; timeZone: string }) {
  if (caps.budgetReached) {
    const budget = caps.budgets.find((candidate) => candidate.kind === caps.budgetReached!.kind);
    const over = budget && budget.overshoot > 0 ? ` Orders already in checkout went ${amount(budget.kind, budget.overshoot, caps.currency)} over it.` : "";
    return (
      <Banner tone="warning" title="Budget reached">
        {`PromoGuard switched this campaign's discount off on ${formatDateTime(caps.budgetReached.at, timeZone)}, when its ${LABELS[caps.budgetReached.kind].toLowerCase()} budget was reached.${over} Raise the budget and publish to resume it.`}
      </Banner>
    );
  }
  if (caps.resumesAt) {
    return (
      <Banner tone="info" title="Daily cap reached">
        {`Today's redemptions are used up. The campaign resumes by itself on ${formatDateTime(caps.resumesAt, timeZone)}.`}
      </Banner>
    );
  }
  return null;
}

export function CapsCard({ caps }: { caps: CapsView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Budget
        </Text>
        {caps.budgets.map((budget) => (
          <BlockStack key={budget.kind} gap="100">
            <InlineStack align="space-between">
              <Text as="span">{LABELS[budget.kind]}</Text>
              <Text as="span" tone={budget.reached ? "critical" : undefined}>
                {`${amount(budget.kind, budget.used, caps.currency)} of ${amount(budget.kind, budget.cap, caps.currency)}${budget.overshoot > 0 ? ` (${amount(budget.kind, budget.overshoot, caps.currency)} over)` : ""}`}
              </Text>
            </InlineStack>
            <ProgressBar progress={Math.min(100, (budget.used / budget.cap) * 100)} tone={budget.reached ? "critical" : "primary"} size="small" />
          </BlockStack>
        ))}
        {caps.daily && (
          <BlockStack gap="100">
            <InlineStack align="space-between">
              <Text as="span">Redemptions today</Text>
              <Text as="span">{`${caps.daily.today} of ${caps.daily.cap}`}</Text>
            </InlineStack>
            <ProgressBar
              progress={Math.min(100, (caps.daily.today / caps.daily.cap) * 100)}
              tone={caps.daily.today >= caps.daily.cap ? "critical" : "primary"}
              size="small"
            />
          </BlockStack>
        )}
        <Text as="p" tone="subdued">
          Orders already in checkout when a cap is reached can still complete with the discount: PromoGuard switches it off seconds after the order that reached
          the cap.
        </Text>
      </BlockStack>
    </Card>
  );
}
