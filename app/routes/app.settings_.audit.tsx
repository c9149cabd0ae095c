import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Pagination, Text } from "@shopify/polaris";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { AuditEntryRow } from "~/components/governance/audit/AuditEntryRow";
import { AuditFilterBar, type AuditFilterValues } from "~/components/governance/audit/AuditFilterBar";
import { FILTER_KEYS } from "~/domain/governance/audit-filters";
import { auditPage } from "~/features/governance/audit-page.server";

// The audit trail, readable by every role: every change to the shop's PromoGuard data, newest
// first, filterable, exportable. Read only: this route has no action, so a POST to it is refused
// (405) and nothing here can change an entry.
export const loader = async ({ request }: LoaderFunctionArgs) => json(await auditPage(request));

const searchOf = (filters: AuditFilterValues, cursor?: string) => {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
};

export default function AuditLog() {
  const { rows, filters, errors, choices, nextCursor, paged, timeZone } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const location = useLocation();
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const query = searchOf(filters);
  return (
    <Page
      title="Audit log"
      backAction={{ content: "Settings", url: "/app/settings" }}
      subtitle={`Every change to PromoGuard's campaigns, pools, codes, roles and policy: who, when and what changed. Times in the shop's time zone (${timeZone}). Entries can never be changed or deleted.`}
      secondaryActions={<ExportCsvButton id="audit" href={`/app/settings/audit/export${query ? `?${query}` : ""}`} />}
    >
      <BlockStack gap="400">
        <Card>
          <AuditFilterBar key={location.search} filters={filters} choices={choices} errors={errors} onApply={(next) => navigate(`?${searchOf(next)}`)} />
        </Card>
        {Object.keys(errors).length > 0 && (
          <Banner tone="critical" title="Fix the filters to see the log">
            <p>{Object.values(errors).join(" ")}</p>
          </Banner>
        )}
        <Card padding="0">
          {rows.length === 0 ? (
            <EmptyState heading={filtered ? "No entries match these filters" : "Nothing recorded yet"} image="">
              <p>{filtered ? "Try a wider date range or fewer filters." : "Changes to campaigns, pools, codes, roles and the policy will appear here."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "entry", plural: "entries" }}
              itemCount={rows.length}
              selectable={false}
              headings={[{ title: "Time" }, { title: "Who" }, { title: "Action" }, { title: "Entity" }, { title: "Changes (before → after)" }]}
            >
              {rows.map((row, index) => (
                <AuditEntryRow key={row.id} row={row} position={index} />
              ))}
            </IndexTable>
          )}
        </Card>
        <InlineStack align="center">
          <BlockStack gap="100" inlineAlign="center">
            <Pagination
              hasPrevious={paged}
              previousTooltip="Newer entries"
              onPrevious={() => navigate(-1)}
              hasNext={nextCursor !== null}
              nextTooltip="Older entries"
              onNext={() => nextCursor && navigate(`?${searchOf(filters, nextCursor)}`)}
            />
            {paged && (
              <Text as="span" tone="subdued" variant="bodySm">
                <a
                  href={`?${query}`}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(`?${query}`);
                  }}
                >
                  Back to the newest
                </a>
              </Text>
            )}
          </BlockStack>
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
