import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { defineActions } from "~/features/intents.server";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, DataTable, EmptyState, InlineError, Layout, List, Page, Text } from "@shopify/polaris";
import { ExportIcon } from "@shopify/polaris-icons";
import { gate } from "~/components/governance";
import { NO_AGENCY, agencyContext } from "~/features/agency/agency-route.server";
import { PLAYBOOK_PAGE_ACTIONS } from "~/features/agency/agency-actions.server";
import { playbookPage } from "~/features/agency/playbook-pages.server";
import { ApplyCard } from "~/components/agency/ApplyCard";
import { ImportCard } from "~/components/agency/PlaybookForms";
import { VariablesCard } from "~/components/agency/VariablesCard";
import { StatusBadge } from "~/components/campaigns/StatusBadge";
import { useCsvDownload } from "~/components/use-csv-download";
import { formatCount, formatDate } from "~/lib/format";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const agency = await agencyContext(request);
  const page = await playbookPage(agency, params);
  // Another agency's playbook looks exactly like one that does not exist.
  if (!page)
    return json({ missing: agency.member ? "This playbook isn't one of your agency's, or no longer exists." : NO_AGENCY, page: null }, { status: 404 });
  return json({ missing: null, page });
};

export const action = defineActions(PLAYBOOK_PAGE_ACTIONS);

const ORIGINS: Record<string, string> = { captured: "Saved from a store", edited: "Variables edited", imported: "Imported from a file" };

function ExportButton({ playbookId, version }: { playbookId: number; version: number }) {
  const { download, busy, error } = useCsvDownload(`/app/playbooks/${playbookId}/export?version=${version}`, "playbook.json");
  return (
    <BlockStack gap="100">
      <Button icon={ExportIcon} onClick={download} loading={busy}>
        Export file
      </Button>
      {error && <InlineError message={error} fieldID="export-playbook" />}
    </BlockStack>
  );
}

export default function PlaybookRoute() {
  const { missing, page } = useLoaderData<typeof loader>();
  if (!page) {
    return (
      <Page title="Playbook" backAction={{ content: "Playbooks", url: "/app/playbooks" }}>
        <Card>
          <EmptyState
            heading="No such playbook here"
            action={{ content: "Open Playbooks", url: "/app/playbooks" }}
            image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
          >
            <p>{missing}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  return <PlaybookPage page={page} />;
}

function PlaybookPage({ page }: { page: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["page"]> }) {
  const { viewer, timeZone, playbook, variables, campaigns, pools, hasPolicy, versions, applications, targets, running } = page;
  const day = (value: string) => formatDate(value, timeZone);
  const manage = gate(viewer, "playbook.manage");
  return (
    <Page
      title={playbook.name}
      titleMetadata={<Badge>{`Version ${playbook.version}`}</Badge>}
      subtitle={playbook.description || undefined}
      backAction={{ content: "Playbooks", url: "/app/playbooks" }}
      secondaryActions={<ExportButton playbookId={playbook.id} version={playbook.version} />}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ApplyCard playbookId={playbook.id} currency={playbook.currency} hasPolicy={hasPolicy} targets={targets} />
            <VariablesCard playbookId={playbook.id} version={playbook.version} currency={playbook.currency} variables={variables} gate={manage} />
            {running.length > 0 && (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Its campaigns in your stores
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric"]}
                    headings={["Store", "Campaign", "Status", "From version"]}
                    rows={running.map((campaign) => [
                      campaign.store,
                      campaign.here ? (
                        <Link key={campaign.id} to={`/app/campaigns/${campaign.id}`}>
                          {campaign.name}
                        </Link>
                      ) : (
                        campaign.name
                      ),
                      <StatusBadge key={`status-${campaign.id}`} status={campaign.status} />,
                      campaign.version ?? "—",
                    ])}
                  />
                </BlockStack>
              </Card>
            )}
            <ImportCard
              action={`/app/playbooks/${playbook.id}`}
              intent="importVersion"
              title="Import a new version"
              help="A file exported from PromoGuard (perhaps edited in your repository) becomes this playbook's next version."
              gate={manage}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  What it holds
                </Text>
                <List type="bullet">
                  {campaigns.map((campaign) => (
                    <List.Item key={campaign.key}>
                      {campaign.name}
                      {campaign.purpose ? ` — ${campaign.purpose}` : ""}
                    </List.Item>
                  ))}
                  {pools.map((pool) => (
                    <List.Item key={pool.name}>
                      Pool “{pool.name}”{pool.lowStockAlertEnabled ? `, alert below ${formatCount(pool.lowStockThreshold)}` : ""}
                    </List.Item>
                  ))}
                  {hasPolicy && <List.Item>A discount policy</List.Item>}
                </List>
                <Text as="p" tone="subdued" variant="bodySm">
                  Amounts in {playbook.currency}.
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Where it was applied
                </Text>
                {applications.length === 0 && (
                  <Text as="p" tone="subdued">
                    Not applied anywhere yet.
                  </Text>
                )}
                {applications.map((application) => (
                  <Text as="p" key={application.id}>
                    {application.store}: version {application.version}, by {application.actorName} on {day(application.createdAt)}
                  </Text>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Versions
                </Text>
                {versions.map((version) => (
                  <BlockStack gap="0" key={version.version}>
                    <Text as="p" fontWeight="semibold">
                      Version {version.version}
                    </Text>
                    <Text as="p" tone="subdued" variant="bodySm">
                      {ORIGINS[version.origin] ?? version.origin}
                      {version.note ? `: ${version.note}` : ""} — {version.authorName}, {day(version.createdAt)}
                    </Text>
                  </BlockStack>
                ))}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
