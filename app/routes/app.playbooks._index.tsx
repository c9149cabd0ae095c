import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { defineActions } from "~/features/intents.server";
import { Link, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { gate } from "~/components/governance";
import { agencyContext } from "~/features/agency/agency-route.server";
import { PLAYBOOKS_LIST_ACTIONS } from "~/features/agency/agency-actions.server";
import { playbooksListPage } from "~/features/agency/playbook-pages.server";
import { CreateAgencyCard, MembersCard } from "~/components/agency/AgencyCards";
import { CaptureCard, ImportCard } from "~/components/agency/PlaybookForms";
import { formatCount, formatDate } from "~/lib/format";

export const loader = async ({ request }: LoaderFunctionArgs) => json(await playbooksListPage(await agencyContext(request)));

export const action = defineActions(PLAYBOOKS_LIST_ACTIONS);

export default function Playbooks() {
  const { viewer, timeZone, store, agency, playbooks, members, candidates, campaigns, pools } = useLoaderData<typeof loader>();
  const manage = gate(viewer, "playbook.manage");
  return (
    <Page
      title="Playbooks"
      subtitle="Campaigns, a discount policy and pool settings saved once, applied to the stores your agency works in."
      secondaryActions={[{ content: "Portfolio", url: "/app/portfolio" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!agency && <CreateAgencyCard gate={manage} />}
            {agency && (
              <Card padding={playbooks.length === 0 ? undefined : "0"}>
                {playbooks.length === 0 ? (
                  <EmptyState heading="No playbooks yet" image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
                    <p>Save this store's campaigns as a playbook below, or import a playbook file.</p>
                  </EmptyState>
                ) : (
                  <IndexTable
                    resourceName={{ singular: "playbook", plural: "playbooks" }}
                    itemCount={playbooks.length}
                    selectable={false}
                    headings={[
                      { title: "Playbook" },
                      { title: "Version", alignment: "end" },
                      { title: "Last changed" },
                      { title: "Applied", alignment: "end" },
                    ]}
                  >
                    {playbooks.map((playbook, index) => (
                      <IndexTable.Row id={String(playbook.id)} key={playbook.id} position={index}>
                        <IndexTable.Cell>
                          <Link to={`/app/playbooks/${playbook.id}`}>{playbook.name}</Link>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {playbook.version}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{`${formatDate(playbook.updatedAt, timeZone)} by ${playbook.updatedBy}`}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {playbook.applications === 0 ? "Not yet" : playbook.applications === 1 ? "Once" : `${formatCount(playbook.applications)} times`}
                          </Text>
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    ))}
                  </IndexTable>
                )}
              </Card>
            )}
            {agency && <CaptureCard storeName={store.name} campaigns={campaigns} pools={pools} gate={manage} />}
            {agency && (
              <ImportCard
                action="/app/playbooks?index"
                intent="import"
                title="Import a playbook file"
                help="A playbook exported from PromoGuard (as your agency keeps it in its own repository) becomes a new playbook."
                gate={manage}
              />
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          {agency ? (
            <MembersCard agencyName={agency.name} admin={agency.admin} members={members} candidates={candidates} gate={manage} />
          ) : (
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Already in an agency?
                </Text>
                <Text as="p" tone="subdued">
                  Ask one of its admins to add you from the staff of a store you both work in.
                </Text>
              </BlockStack>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
