// Fraud review: clusters of first-order and single-use codes redeemed from one IP, address,
// device or inbox, with the evidence; block the customers, revoke their unused codes, dismiss.
// Each action's permission is named by ?intent= in the URL, so it is checked before the form
// is read: fraud.review for decisions, policy.manage for the automatic-blocking setting.
import { FRAUD_CASE_STATUSES } from "~/domain/analytics/fraud/status";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Tabs, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { blockFraudCase, dismissFraudCase, revokeFraudCaseCodes, unblockCustomer } from "~/domain/analytics/fraud/decisions.server";
import { saveAutoBlockSettings } from "~/domain/analytics/fraud/settings.server";
import { refreshFraudCasesAsked } from "~/domain/analytics/fraud/refresh.server";
import { defineActions, intent } from "~/features/intents.server";
import { autoBlockSettingsSchema } from "~/domain/analytics/fraud-settings";
import { fraudCaseDecisionSchema, unblockDecisionSchema } from "~/domain/analytics/fraud/decision-form";
import { FraudCaseCard } from "~/components/analytics/fraud/FraudCaseCard";
import { AutoBlockSettings } from "~/components/analytics/fraud/AutoBlockSettings";
import { formatDateTime } from "~/lib/format";
import { fraudReviewPage } from "~/features/analytics/fraud-page.server";

const STATUS_TABS = [
  { id: "open", content: "Open" },
  { id: "blocked", content: "Blocked" },
  { id: "dismissed", content: "Dismissed" },
];

export const loader = async ({ request }: LoaderFunctionArgs) => json(await fraudReviewPage(request));

const done = (outcome: { message: string }) => json({ ok: true as const, message: outcome.message });

export const action = defineActions({
  refresh: intent({
    permission: "fraud.review",
    run: async ({ context }) => done(await refreshFraudCasesAsked(prisma, context.session.shop, context.admin, context.staff)),
  }),
  block: intent({
    permission: "fraud.review",
    schema: fraudCaseDecisionSchema,
    run: async ({ context, input }) => done(await blockFraudCase(prisma, context.admin, context.session.shop, input.caseId, context.staff, input.reason)),
  }),
  revoke: intent({
    permission: "fraud.review",
    schema: fraudCaseDecisionSchema,
    run: async ({ context, input }) => done(await revokeFraudCaseCodes(prisma, context.session.shop, input.caseId, context.staff)),
  }),
  dismiss: intent({
    permission: "fraud.review",
    schema: fraudCaseDecisionSchema,
    run: async ({ context, input }) => done(await dismissFraudCase(prisma, context.session.shop, input.caseId, context.staff, input.reason)),
  }),
  unblock: intent({
    permission: "fraud.review",
    schema: unblockDecisionSchema,
    run: async ({ context, input }) => done(await unblockCustomer(prisma, context.admin, context.session.shop, input.blockedId, context.staff, input.reason)),
  }),
  settings: intent({
    permission: "policy.manage",
    schema: autoBlockSettingsSchema,
    run: async ({ context, input }) => {
      const saved = await saveAutoBlockSettings(prisma, context.session.shop, input, context.staff);
      return done({
        message: saved.autoBlock.enabled
          ? `Automatic blocking is on for clusters of ${saved.autoBlock.minClusterSize} or more customers.`
          : "Automatic blocking is off.",
      });
    },
  }),
});

export default function FraudReview() {
  const { status, cases, blocked, settings, timeZone, reviewRefusal, settingsRefusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [, setSearchParams] = useSearchParams();
  return (
    <Page
      title="Fraud review"
      subtitle="First-order and single-use codes redeemed by several customers who share an IP address, shipping address, device or inbox."
      backAction={{ content: "Analytics", url: "/app/analytics" }}
      primaryAction={
        <Form method="post" action="?intent=refresh">
          <Button submit variant="primary" disabled={reviewRefusal !== null || busy}>
            Check for new signals
          </Button>
        </Form>
      }
    >
      <Layout>
        {actionData && (
          <Layout.Section>
            <Banner tone={actionData.ok ? "success" : "critical"}>{actionData.ok ? actionData.message : Object.values(actionData.errors).join(" ")}</Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            <Tabs
              tabs={STATUS_TABS}
              selected={FRAUD_CASE_STATUSES.indexOf(status)}
              onSelect={(index) => setSearchParams({ status: FRAUD_CASE_STATUSES[index] })}
            />
            {cases.length === 0 ? (
              <Card>
                <EmptyState
                  heading={status === "open" ? "No open cases" : `No ${status} cases`}
                  image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
                >
                  <p>
                    PromoGuard looks at the last 90 days of first-order and single-use codes. A case appears when two or more different customers share a
                    signal.
                  </p>
                </EmptyState>
              </Card>
            ) : (
              cases.map((fraudCase) => <FraudCaseCard key={fraudCase.id} fraudCase={fraudCase} timeZone={timeZone} refusal={reviewRefusal} busy={busy} />)
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <AutoBlockSettings settings={settings.autoBlock} refusal={settingsRefusal} busy={busy} />
            <Card padding="0">
              <BlockStack>
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="h2" variant="headingMd">
                    Blocked customers
                  </Text>
                  <Text as="p" tone="subdued">
                    Tagged promoguard-blocked in Shopify: no PromoGuard code applies to them at checkout.
                  </Text>
                </div>
                {blocked.length === 0 ? (
                  <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
                    <Text as="p">Nobody is blocked.</Text>
                  </div>
                ) : (
                  <IndexTable
                    resourceName={{ singular: "customer", plural: "customers" }}
                    itemCount={blocked.length}
                    selectable={false}
                    headings={[{ title: "Customer" }, { title: "Blocked" }, { title: "" }]}
                  >
                    {blocked.map((row, index) => (
                      <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                        <IndexTable.Cell>
                          <Text as="span">{row.customerId.split("/").pop()}</Text>
                          <Text as="p" tone="subdued" variant="bodySm">
                            {row.automatic ? "Automatically" : "By staff"}
                            {row.fraudCaseId ? `, case #${row.fraudCaseId}` : ""}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{formatDateTime(row.blockedAt, timeZone)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Form method="post" action="?intent=unblock">
                            <input type="hidden" name="blockedId" value={row.id} />
                            <Button submit size="slim" disabled={reviewRefusal !== null || busy}>
                              Unblock
                            </Button>
                          </Form>
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    ))}
                  </IndexTable>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
