import { useEffect, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Banner,
  Card,
  ChoiceList,
  EmptyState,
  IndexFilters,
  IndexTable,
  InlineStack,
  Page,
  Text,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { LIST_SORTS, LIST_STATUSES, LIST_TYPES, type CampaignListQuery } from "~/domain/campaigns/campaign-list";
import { CHANNELS } from "~/domain/campaigns/campaign-input";
import { ApprovalStateBadge } from "~/components/campaigns/ApprovalStateBadge";
import { StatusBadge } from "~/components/campaigns/StatusBadge";
import { SyncStateText } from "~/components/campaigns/CodeSyncCard";
import { formatCount, formatDateTime } from "~/lib/format";
import { channelLabel } from "~/components/campaigns/channel-label";
import { SIMULATOR_PATH } from "~/domain/simulator/cart-input";
import { campaignListPage } from "~/features/campaigns/campaign-list-page.server";

export const loader = async ({ request }: LoaderFunctionArgs) => json(await campaignListPage(request));

const FILTER_KEYS = ["status", "owner", "channel", "type"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Search, filters and sort; every change goes into the URL and the loader applies it. */
function CampaignFilters({ query, owners }: { query: CampaignListQuery; owners: string[] }) {
  const [, setSearchParams] = useSearchParams();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [text, setText] = useState(query.q);
  const update = (change: (params: URLSearchParams) => void) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  // The search runs once typing pauses.
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === query.q) return;
    const timer = setTimeout(
      () =>
        setSearchParams(
          (current) => {
            const next = new URLSearchParams(current);
            if (wanted) next.set("q", wanted);
            else next.delete("q");
            return next;
          },
          { replace: true, preventScrollReset: true },
        ),
      300,
    );
    return () => clearTimeout(timer);
  }, [text, query.q, setSearchParams]);
  const setFilter = (key: FilterKey, values: string[]) =>
    update((params) => {
      params.delete(key);
      for (const value of values) params.append(key, value);
    });
  const choices: Record<FilterKey, { label: string; options: { label: string; value: string }[] }> = {
    status: { label: "Status", options: LIST_STATUSES },
    owner: { label: "Owner", options: owners.map((owner) => ({ label: owner, value: owner })) },
    channel: { label: "Channel", options: CHANNELS.map((channel) => ({ label: channel.label, value: channel.value })) },
    type: { label: "Type", options: LIST_TYPES },
  };
  const filters: IndexFiltersProps["filters"] = FILTER_KEYS.map((key) => ({
    key,
    label: choices[key].label,
    shortcut: true,
    filter: (
      <ChoiceList
        title={choices[key].label}
        titleHidden
        choices={choices[key].options}
        selected={query[key]}
        onChange={(values) => setFilter(key, values)}
        allowMultiple
      />
    ),
  }));
  const appliedFilters: IndexFiltersProps["appliedFilters"] = FILTER_KEYS.filter((key) => query[key].length > 0).map((key) => ({
    key,
    label: `${choices[key].label}: ${query[key].map((value) => choices[key].options.find((option) => option.value === value)?.label ?? value).join(", ")}`,
    onRemove: () => setFilter(key, []),
  }));
  return (
    <IndexFilters
      sortOptions={LIST_SORTS.map((option) => ({ label: option.label, value: option.value, directionLabel: option.label }))}
      sortSelected={[query.sort]}
      onSort={([sort]) => update((params) => (sort && sort !== "created desc" ? params.set("sort", sort) : params.delete("sort")))}
      queryValue={text}
      queryPlaceholder="Search by campaign or owner name"
      onQueryChange={setText}
      onQueryClear={() => setText("")}
      filters={filters}
      appliedFilters={appliedFilters}
      onClearAll={() => {
        setText("");
        update((params) => {
          for (const key of [...FILTER_KEYS, "q"]) params.delete(key);
        });
      }}
      tabs={[]}
      selected={0}
      canCreateNewView={false}
      mode={mode}
      setMode={setMode}
      cancelAction={{ onAction: () => undefined }}
    />
  );
}

export default function CampaignsIndex() {
  const { campaigns, total, query, owners, timeZone, unread } = useLoaderData<typeof loader>();
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
          <Banner
            tone="info"
            title={unread === 1 ? "You have 1 new notification" : `You have ${unread} new notifications`}
            action={{ content: "Open Approvals", url: "/app/approvals" }}
          >
            Requests and decisions about campaigns are listed on the Approvals page.
          </Banner>
        </div>
      )}
      <Card padding={total === 0 ? undefined : "0"}>
        {total > 0 && <CampaignFilters query={query} owners={owners} />}
        {total > 0 && campaigns.length === 0 ? (
          <div style={{ padding: "var(--p-space-400)" }}>
            <Text as="p">No campaign matches this search and these filters. Clear them to see all {total} campaigns.</Text>
          </div>
        ) : campaigns.length === 0 ? (
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
            headings={[
              { title: "Campaign" },
              { title: "Status" },
              { title: "Channel" },
              { title: "Starts" },
              { title: "Ends" },
              { title: "Codes", alignment: "end" },
              { title: "Sync" },
            ]}
          >
            {campaigns.map((campaign, index) => (
              <IndexTable.Row id={String(campaign.id)} key={campaign.id} position={index}>
                <IndexTable.Cell>
                  <Link to={`/app/campaigns/${campaign.id}`}>{campaign.name}</Link>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {campaign.ownerName}
                  </Text>
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
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatCount(campaign.codeCount)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{campaign.sync ? <SyncStateText sync={campaign.sync} /> : "—"}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
