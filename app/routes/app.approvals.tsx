import { useEffect } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { APPROVALS_ACTIONS, approvalsPage } from "~/features/governance/approvals.server";
import { DecidedRequests, PendingRequestCard } from "~/components/governance/approvals/ApprovalQueue";
import { formatDateTime } from "~/lib/format";
import { authenticateStaff } from "~/features/access.server";
import { defineActions } from "~/features/intents.server";
import { whyNot } from "~/domain/governance/roles";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  return json({
    ...(await approvalsPage(context)),
    decideReason: whyNot(context.staff.role, "campaign.approve"),
  });
};

export const action = defineActions(APPROVALS_ACTIONS);

export default function Approvals() {
  const { viewer, canDecide, decideReason, pending, history, notifications, unread, email, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.ok && result.done) shopify.toast.show(result.done);
  }, [result, shopify]);
  const post = (intent: string, fields: Record<string, string>) => submit(fields, { method: "post", action: `?intent=${intent}` });
  // The request a refusal is about (null: the page's own, e.g. an unknown action).
  const refusedFor = result && !result.ok ? (result.details?.requestId ?? null) : undefined;
  const errorsFor = (requestId: number) => (result && !result.ok && refusedFor === requestId ? result.errors : {});

  return (
    <Page
      title={pending.length > 0 ? `Approvals (${pending.length})` : "Approvals"}
      subtitle="Campaigns and changes waiting for an Approver. Approving a request publishes it."
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && refusedFor === null && <Banner tone="critical">{Object.values(result.errors).join(" ")}</Banner>}
            {result && !result.ok && result.errors.general && refusedFor !== null && <Banner tone="critical">{result.errors.general}</Banner>}
            <Text as="h2" variant="headingLg">
              Waiting for approval
            </Text>
            {pending.length === 0 ? (
              <Card>
                <EmptyState heading="Nothing waiting for approval" image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
                  <p>Campaign requests that exceed your store's discount policy wait here for an Approver.</p>
                </EmptyState>
              </Card>
            ) : (
              pending.map((request) => (
                <PendingRequestCard
                  key={request.id}
                  request={request}
                  canDecide={canDecide}
                  decideReason={decideReason}
                  viewerId={viewer.id}
                  timeZone={timeZone}
                  busy={busy}
                  errors={errorsFor(request.id)}
                  onDecide={(intent, requestId, fields) => post(intent, { ...fields, requestId: String(requestId) })}
                />
              ))
            )}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Decided
                </Text>
                <DecidedRequests history={history} timeZone={timeZone} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      Your notifications
                    </Text>
                    {unread > 0 && <Badge tone="attention">{`${unread} new`}</Badge>}
                  </InlineStack>
                  {unread > 0 && (
                    <Button variant="plain" disabled={busy} onClick={() => post("read", {})}>
                      Mark all as read
                    </Button>
                  )}
                </InlineStack>
                {notifications.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No notifications.
                  </Text>
                ) : (
                  <BlockStack gap="300">
                    {notifications.map((notification) => (
                      <BlockStack key={notification.id} gap="100">
                        <Text as="p" fontWeight={notification.read ? "regular" : "semibold"}>
                          {notification.link ? <Link url={notification.link}>{notification.message}</Link> : notification.message}
                        </Text>
                        <InlineStack gap="200">
                          <Text as="span" tone="subdued" variant="bodySm">
                            {formatDateTime(notification.createdAt, timeZone)}
                          </Text>
                          {!notification.read && (
                            <Button
                              variant="plain"
                              disabled={busy}
                              onClick={() =>
                                post("read", {
                                  notificationId: String(notification.id),
                                })
                              }
                            >
                              Mark as read
                            </Button>
                          )}
                        </InlineStack>
                      </BlockStack>
                    ))}
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Email
                  </Text>
                  <Badge tone={email.enabled ? "success" : undefined}>{email.enabled ? "On" : "Off"}</Badge>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {email.description}
                </Text>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
