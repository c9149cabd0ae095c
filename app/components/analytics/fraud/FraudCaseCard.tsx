// One fraud case in the review list: what the orders share, the evidence (masked emails, codes,
// amounts, dates) and the decisions the viewer may take.
import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, DataTable, InlineStack, Text, Tooltip } from "@shopify/polaris";
import type { FraudCaseView } from "~/domain/analytics/fraud/signals.server";
import { formatDateTime, formatMoney } from "~/lib/format";

const STATUS_TONE = { open: "attention", blocked: "critical", dismissed: undefined } as const;

interface Props {
  fraudCase: FraudCaseView;
  timeZone: string;
  /** Why the viewer may not decide (whyNot), or null when they may. */
  refusal: string | null;
  busy: boolean;
}

function Decision({
  intent,
  caseId,
  label,
  refusal,
  busy,
  tone,
}: {
  intent: string;
  caseId: number;
  label: string;
  refusal: string | null;
  busy: boolean;
  tone?: "critical";
}) {
  const button = (
    <Button submit disabled={refusal !== null || busy} tone={tone} variant={tone ? "primary" : undefined}>
      {label}
    </Button>
  );
  return (
    <Form method="post" action={`?intent=${intent}`}>
      <input type="hidden" name="caseId" value={caseId} />
      {refusal ? <Tooltip content={refusal}>{button}</Tooltip> : button}
    </Form>
  );
}

export function FraudCaseCard({ fraudCase, timeZone, refusal, busy }: Props) {
  const { evidence } = fraudCase;
  const rows = evidence.orders.map((order) => [
    order.orderName,
    formatDateTime(order.processedAt, timeZone),
    order.code,
    order.email,
    order.customerId ? "Account" : "Guest",
    [order.firstOrder ? "first order" : null, order.singleUse ? "single-use code" : null].filter(Boolean).join(", "),
    formatMoney(order.codeDiscount, evidence.currency || "USD"),
  ]);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingMd">
              Case #{fraudCase.id}: {fraudCase.signalLabel}
            </Text>
            <Badge tone={STATUS_TONE[fraudCase.status]}>{fraudCase.status}</Badge>
          </InlineStack>
          <Text as="span" tone="subdued">
            {formatMoney(evidence.discount, evidence.currency || "USD")} of discounts · {formatDateTime(evidence.firstAt, timeZone)} to{" "}
            {formatDateTime(evidence.lastAt, timeZone)}
          </Text>
        </InlineStack>
        <Text as="p">{evidence.summary}</Text>
        <DataTable
          columnContentTypes={["text", "text", "text", "text", "text", "text", "numeric"]}
          headings={["Order", "Date", "Code", "Email", "Customer", "Why it counts", "Discount"]}
          rows={rows}
        />
        {evidence.redemptions > evidence.orders.length && (
          <Text as="p" tone="subdued">
            Showing the latest {evidence.orders.length} of {evidence.redemptions} orders.
          </Text>
        )}
        <InlineStack gap="200">
          {fraudCase.status !== "blocked" && (
            <Decision intent="block" caseId={fraudCase.id} label="Block customers" refusal={refusal} busy={busy} tone="critical" />
          )}
          <Decision intent="revoke" caseId={fraudCase.id} label="Revoke unused codes" refusal={refusal} busy={busy} />
          {fraudCase.status === "open" && <Decision intent="dismiss" caseId={fraudCase.id} label="Dismiss" refusal={refusal} busy={busy} />}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
