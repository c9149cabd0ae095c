// Fraud review: clusters of first-order and single-use codes redeemed from one IP, address,
// device or inbox, with the evidence; block the customers, revoke their unused codes, dismiss.
// Each action's permission is named by ?intent= in the URL, so it is checked before the form
// is read: fraud.review for decisions, policy.manage for the automatic-blocking setting.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Tabs, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import {
  blockFraudCase,
  dismissFraudCase,
  listBlockedCustomers,
  listFraudCases,
  readFraudSettings,
  refreshFraudCases,
  revokeFraudCaseCodes,
  saveAutoBlockSettings,
  unblockCustomer,
  type FraudCaseStatus,
} from "~/domain/analytics/fraud.server";
import { authenticateStaff, authorize, viewerOf } from "~/features/access.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { whyNot, type Permission } from "~/domain/governance/roles";
import { FraudCaseCard } from "~/components/analytics/fraud/FraudCaseCard";
import { AutoBlockSettings } from "~/components/analytics/fraud/AutoBlockSettings";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";
import { formatDateTime } from "~/lib/format";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";

const STATUSES: FraudCaseStatus[] = ["open", "blocked", "dismissed"];
const STATUS_TABS = [
  { id: "open", content: "Open" },
  { id: "blocked", content: "Blocked" },
  { id: "dismissed", content: "Dismissed" },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  const shop = context.session.shop;
  const requested = new URL(request.url).searchParams.get("status");
  const status = STATUSES.find((known) => known === requested) ?? "open";
  const [cases, blocked, settings, timeZone] = await Promise.all([
    listFraudCases(prisma, shop, status),
    listBlockedCustomers(prisma, shop),
    readFraudSettings(prisma, shop),
    shopTimeZone(shop),
  ]);
  return json({
    status,
    cases,
    blocked: blocked.map((row) => ({ id: row.id, customerId: row.customerId, reason: row.reason, fraudCaseId: row.fraudCaseId, blockedAt: row.blockedAt.toISOString(), automatic: row.blockedById === null })),
    settings,
    timeZone,
    viewer: viewerOf(context),
    reviewRefusal: whyNot(context.staff.role, "fraud.review"),
    settingsRefusal: whyNot(context.staff.role, "policy.manage"),
  });
};

const INTENTS: Record<string, Permission> = {
  refresh: "fraud.review",
  block: "fraud.review",
  revoke: "fraud.review",
  dismiss: "fraud.review",
  unblock: "fraud.review",
  settings: "policy.manage",
};

const idOf = (form: FormData, field: string) => {
  const value = String(form.get(field) ?? "");
  return /^\d+$/.test(value) ? Number(value) : NaN;
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const intent = new URL(request.url).searchParams.get("intent") ?? "";
  const permission = INTENTS[intent];
  if (!permission) {
    await authenticateStaff(request);
    return json({ ok: false, error: `Unknown action "${intent}": expected one of ${Object.keys(INTENTS).join(", ")}.` }, { status: 400 });
  }
  const context = await authorize(request, permission);
  const shop = context.session.shop;
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "").trim() || null;
  const reasonTooLong = tooLong("The reason", reason ?? "", TEXT_LIMITS.reason);
  if (reasonTooLong) return json({ ok: false, error: reasonTooLong }, { status: 400 });

  let outcome;
  switch (intent) {
    case "refresh": {
      const result = await refreshFraudCases(prisma, shop, { admin: context.admin });
      // The scheduled refresh runs unrecorded; a person asking for one is in the audit trail.
      await recordAudit(prisma, {
        shopDomain: shop,
        actor: context.staff,
        action: "fraud.refresh",
        entityType: "FraudCase",
        entityId: "all",
        entityLabel: "Fraud signals",
        before: null,
        after: { clusters: result.clusters, created: result.created, reopened: result.reopened, autoBlocked: result.autoBlocked },
      });
      return json({ ok: true, message: `Signals checked: ${result.clusters} cluster${result.clusters === 1 ? "" : "s"}, ${result.created} new case${result.created === 1 ? "" : "s"}${result.reopened ? `, ${result.reopened} reopened` : ""}${result.autoBlocked ? `, ${result.autoBlocked} blocked automatically` : ""}.` });
    }
    case "block":
      outcome = await blockFraudCase(prisma, context.admin, shop, idOf(form, "caseId"), context.staff, reason);
      break;
    case "revoke":
      outcome = await revokeFraudCaseCodes(prisma, shop, idOf(form, "caseId"), context.staff);
      break;
    case "dismiss":
      outcome = await dismissFraudCase(prisma, shop, idOf(form, "caseId"), context.staff, reason);
      break;
    case "unblock":
      outcome = await unblockCustomer(prisma, context.admin, shop, idOf(form, "blockedId"), context.staff, reason);
      break;
    default: {
      const saved = await saveAutoBlockSettings(prisma, shop, { enabled: form.get("enabled") === "true", minClusterSize: String(form.get("minClusterSize") ?? "") }, context.staff);
      if (!saved.ok) return json({ ok: false, error: Object.values(saved.errors).join(" "), errors: saved.errors }, { status: 400 });
      return json({ ok: true, message: saved.settings.autoBlock.enabled ? `Automatic blocking is on for clusters of ${saved.settings.autoBlock.minClusterSize} or more customers.` : "Automatic blocking is off." });
    }
  }
  if (!outcome.ok) return json({ ok: false, error: outcome.error }, { status: outcome.status });
  return json({ ok: true, message: outcome.message });
};

export default function FraudReview() {
  const { status, cases, blocked, settings, timeZone, reviewRefusal, settingsRefusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ ok: boolean; message?: string; error?: string }>();
  const busy = useNavigation().state !== "idle";
  const [, setSearchParams] = useSearchParams();
  return (
    <Page
      title="Fraud review"
      subtitle="First-order and single-use codes redeemed by several customers who share an IP address, shipping address, device or inbox."
      backAction={{ content: "Analytics", url: "/app/analytics" }}
      primaryAction={
        <Form method="post" action="?intent=refresh">
          <Button submit variant="primary" disabled={reviewRefusal !== null || busy}>Check for new signals</Button>
        </Form>
      }
    >
      <Layout>
        {actionData && (
          <Layout.Section>
            <Banner tone={actionData.ok ? "success" : "critical"}>{actionData.ok ? actionData.message : actionData.error}</Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            <Tabs tabs={STATUS_TABS} selected={STATUSES.indexOf(status)} onSelect={(index) => setSearchParams({ status: STATUSES[index] })} />
            {cases.length === 0 ? (
              <Card>
                <EmptyState heading={status === "open" ? "No open cases" : `No ${status} cases`} image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
                  <p>PromoGuard looks at the last 90 days of first-order and single-use codes. A case appears when two or more different customers share a signal.</p>
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
                  <Text as="h2" variant="headingMd">Blocked customers</Text>
                  <Text as="p" tone="subdued">Tagged promoguard-blocked in Shopify: no PromoGuard code applies to them at checkout.</Text>
                </div>
                {blocked.length === 0 ? (
                  <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
                    <Text as="p">Nobody is blocked.</Text>
                  </div>
                ) : (
                  <IndexTable resourceName={{ singular: "customer", plural: "customers" }} itemCount={blocked.length} selectable={false} headings={[{ title: "Customer" }, { title: "Blocked" }, { title: "" }]}>
                    {blocked.map((row, index) => (
                      <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                        <IndexTable.Cell>
                          <Text as="span">{row.customerId.split("/").pop()}</Text>
                          <Text as="p" tone="subdued" variant="bodySm">{row.automatic ? "Automatically" : "By staff"}{row.fraudCaseId ? `, case #${row.fraudCaseId}` : ""}</Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{formatDateTime(row.blockedAt, timeZone)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Form method="post" action="?intent=unblock">
                            <input type="hidden" name="blockedId" value={row.id} />
                            <Button submit size="slim" disabled={reviewRefusal !== null || busy}>Unblock</Button>
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
