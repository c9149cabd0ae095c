import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Pagination, Text } from "@shopify/polaris";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { AuditEntryRow } from "~/components/governance/audit/AuditEntryRow";
import { AuditFilterBar, type AuditFilterValues } from "~/components/governance/audit/AuditFilterBar";
import prisma from "~/db.server";
import { FILTER_KEYS } from "~/domain/governance/audit-filters";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import {
  actionInWords, auditFilterOptions, auditWhere, diffValue, entityPath, listAuditEntries, parseDiff, readAuditFilters, shopTime,
} from "~/domain/governance/audit-log.server";

// The audit trail, readable by every role: every change to the shop's PromoGuard data, newest
// first, filterable, exportable. Read only: this route has no action, so a POST to it is refused
// (405) and nothing here can change an entry.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  const shopDomain = ctx.session.shop;
  const url = new URL(request.url);
  const filters = readAuditFilters(url.searchParams);
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { ianaTimezone: true } });
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const condition = auditWhere(shopDomain, filters, timeZone);
  const [options, page] = await Promise.all([
    auditFilterOptions(prisma, shopDomain),
    condition.ok ? listAuditEntries(prisma, condition.where, url.searchParams.get("cursor")) : Promise.resolve({ entries: [], nextCursor: null }),
  ]);
  return json({
    viewer: viewerOf(ctx),
    timeZone,
    filters,
    errors: condition.ok ? {} : condition.errors,
    choices: { actors: options.actors, actions: options.actions.map((action) => ({ value: action, label: actionInWords(action) })), entityTypes: options.entityTypes },
    paged: url.searchParams.has("cursor"),
    nextCursor: page.nextCursor,
    rows: page.entries.map((entry) => ({
      id: entry.id,
      time: shopTime(entry.at, timeZone),
      actorName: entry.actorName,
      system: entry.actorId === null,
      action: entry.action,
      actionWords: actionInWords(entry.action),
      entityType: entry.entityType,
      entityId: entry.entityId,
      entityLabel: entry.entityLabel,
      entityPath: entityPath(entry.entityType, entry.entityId),
      changes: Object.entries(parseDiff(entry.diff)).map(([field, change]) => ({ field, before: diffValue(change.before), after: diffValue(change.after) })),
      reason: entry.reason,
    })),
  });
};

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
                <a href={`?${query}`} onClick={(event) => { event.preventDefault(); navigate(`?${query}`); }}>Back to the newest</a>
              </Text>
            )}
          </BlockStack>
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
