import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Banner, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { authenticateStaff } from "~/features/access.server";
import { unreadNotificationCount } from "~/domain/governance/notifications.server";
import { ApprovalStateBadge } from "~/components/campaigns/ApprovalStateBadge";
import { campaignSummaries } from "~/domain/campaigns/summaries.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";
import { StatusBadge } from "~/components/campaigns/StatusBadge";
import { SyncStateText } from "~/components/campaigns/CodeSyncCard";
import { formatCount, formatDateTime } from "~/lib/format";
import { channelLabel } from "~/components/campaigns/channel-label";
import { getCodeSyncStatus } from "~/domain/campaigns/code-sync.server";
import { SIMULATOR_PATH } from "~/domain/simulator/cart-input";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  const { session } = context;
  const summaries = await campaignSummaries(prisma, session.shop);
  // Where each campaign is in the approval workflow, and which have changes waiting.
  const states = new Map((await prisma.campaign.findMany({ where: { shopDomain: session.shop }, select: { id: true, approvalState: true } })).map((row) => [row.id, row.approvalState]));
  const revisions = new Set((await prisma.approvalRequest.findMany({ where: { shopDomain: session.shop, status: "pending", kind: "revision" }, select: { campaignId: true } })).map((row) => row.campaignId));
  const campaigns = await Promise.all(summaries.map(async (summary) => ({
      ...summary,
      approvalState: states.get(summary.id) ?? "none",
      revisionPending: revisions.has(summary.id),
      // A shared code is the discount's own code: there is nothing to sync.
      sync: summary.codeSource === "shared" ? null : await getCodeSyncStatus(prisma, summary.id),
    })));
  return json({ campaigns, timeZone: await shopTimeZone(session.shop), unread: await unreadNotificationCount(prisma, session.shop, context.staff.id) });
};

export default function CampaignsIndex() {
  const { campaigns, timeZone, unread } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Campaigns"
      subtitle="Each campaign is one governed Shopify discount with an owner, a purpose, a channel and dates."
      primaryAction={{ content: "Create campaign", url: "/app/campaigns/new" }}
      secondaryActions={[
        { content: "Test a cart", url: SIMULATOR_PATH },
        { content: "Post-purchase codes", url: "/app/campaigns/post-purchase" },
        { content: "Not governed by PromoGuard", url: "/app/campaigns/ungoverned" },
      ]}
    >
      {unread > 0 && (
        <div style={{ marginBottom: "var(--p-space-400)" }}>
          <Banner tone="info" title={unread === 1 ? "You have 1 new notification" : `You have ${unread} new notifications`} action={{ content: "Open Approvals", url: "/app/approvals" }}>
            Requests and decisions about campaigns are listed on the Approvals page.
          </Banner>
        </div>
      )}
      <Card padding={campaigns.length === 0 ? undefined : "0"}>
        {campaigns.length === 0 ? (
          <EmptyState
            heading="No campaigns yet"
            action={{ content: "Create campaign", url: "/app/campaigns/new" }}
            image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
          >
            <p>A campaign is one governed Shopify discount with an owner, a purpose, a channel and an end date.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "campaign", plural: "campaigns" }}
            itemCount={campaigns.length}
            selectable={false}
            headings={[{ title: "Campaign" }, { title: "Status" }, { title: "Channel" }, { title: "Starts" }, { title: "Ends" }, { title: "Codes", alignment: "end" }, { title: "Sync" }]}
          >
            {campaigns.map((campaign, index) => (
              <IndexTable.Row id={String(campaign.id)} key={campaign.id} position={index}>
                <IndexTable.Cell>
                  <Link to={`/app/campaigns/${campaign.id}`}>{campaign.name}</Link>
                  <Text as="p" tone="subdued" variant="bodySm">{campaign.ownerName}</Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="100">
                    <StatusBadge status={campaign.status} />
                    <ApprovalStateBadge state={campaign.approvalState} />
                    {campaign.revisionPending && <ApprovalStateBadge state="submitted" />}
                  </InlineStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{channelLabel(campaign.channel)}</IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(campaign.startsAt, timeZone)}</IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(campaign.endsAt, timeZone)}</IndexTable.Cell>
                <IndexTable.Cell><Text as="span" alignment="end" numeric>{formatCount(campaign.codeCount)}</Text></IndexTable.Cell>
                <IndexTable.Cell>{campaign.sync ? <SyncStateText sync={campaign.sync} /> : "—"}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
