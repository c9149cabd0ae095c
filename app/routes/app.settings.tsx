import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineGrid, InlineStack, Page, Text } from "@shopify/polaris";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { ROLE_LABELS } from "~/domain/governance/roles";

// Settings: one card per settings page, each saying what it is for and who may change it there.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  return json({ viewer: viewerOf(ctx) });
};

const SECTIONS = [
  {
    url: "/app/settings/staff",
    title: "Staff & roles",
    body: "Everyone who uses PromoGuard in this store and their role: who drafts, who publishes, who approves.",
    permission: "staff.manage",
  },
  {
    url: "/app/settings/policy",
    title: "Discount policy",
    body: "When a campaign needs approval: deepest discount, end date required, combined depth, ungoverned codes.",
    permission: "policy.manage",
  },
  {
    url: "/app/settings/api-keys",
    title: "API keys",
    body: "Keys that let other tools, such as an email tool's flows, assign codes and read pools, campaigns and redemptions.",
    permission: "apiKeys.manage",
  },
  {
    url: "/app/settings/audit",
    title: "Audit log",
    body: "Every change made in PromoGuard: who, when, what it was before and after. Entries can never be edited.",
    permission: null,
  },
  {
    url: "/app/settings/jobs",
    title: "Background jobs",
    body: "Work that failed all its attempts, such as syncing codes to Shopify. Retry it once the cause is fixed.",
    permission: "jobs.manage",
  },
] as const;

export default function Settings() {
  const { viewer } = useLoaderData<typeof loader>();
  return (
    <Page title="Settings" subtitle={`Signed in as ${viewer.name} (${ROLE_LABELS[viewer.role]}).`}>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        {SECTIONS.map((section) => (
          <Card key={section.url}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <RemixLink to={section.url} style={{ color: "inherit" }}>
                  <Text as="h2" variant="headingMd">
                    {section.title}
                  </Text>
                </RemixLink>
                {section.permission && !viewer.permissions[section.permission] && <Badge>View only</Badge>}
              </InlineStack>
              <Text as="p" tone="subdued">
                {section.body}
              </Text>
              <RemixLink to={section.url}>Open {section.title.toLowerCase()}</RemixLink>
            </BlockStack>
          </Card>
        ))}
      </InlineGrid>
    </Page>
  );
}
