import { useEffect, useRef } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, IndexTable, InlineError, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import prisma from "~/db.server";
import { gate } from "~/components/governance";
import { KeyboardScrollable } from "~/components/KeyboardScrollable";
import { defineActions, intent } from "~/features/intents.server";
import { ROLE_LABELS, ROLES } from "~/domain/governance/roles";
import { changeStaffAccess, changeStaffRole, staffAccessFormSchema, staffRoleFormSchema } from "~/domain/governance/staff.server";
import { formatDateTime } from "~/lib/format";
import { staffPage } from "~/features/governance/staff-page.server";

// Staff & roles: everyone who has opened PromoGuard in this store, with their role. Only an Owner
// changes roles. The store's account owner is always an Owner, and a store always keeps at least
// one Owner, so nobody can lock the shop out of its own policy and roles. An Owner can also remove
// someone's access (an agency the store stopped working with): Shopify does not tell apps when a
// collaborator or staff account loses access, so PromoGuard's own switch is what cuts them off,
// here and from every other store's playbooks and portfolio, at once.

export const loader = async ({ request }: LoaderFunctionArgs) => json(await staffPage(request));

/**
 * POST ?intent=role: staffId, role → changes a staff member's role; ?intent=access: staffId,
 * removed=true|false → removes or gives back their access to PromoGuard in this store (staff.manage).
 */
export const action = defineActions({
  role: intent({
    permission: "staff.manage",
    schema: staffRoleFormSchema,
    run: async ({ context, input }) => json({ changed: await changeStaffRole(prisma, context.session.shop, context.staff, input.staffId, input.role!) }),
  }),
  access: intent({
    permission: "staff.manage",
    schema: staffAccessFormSchema,
    run: async ({ context, input }) => json({ access: await changeStaffAccess(prisma, context.session.shop, context.staff, input.staffId, input.removed) }),
  }),
});

type StaffRow = ReturnType<typeof useLoaderData<typeof loader>>["staff"][number];

function AccessCell({ member, canManage }: { member: StaffRow; canManage: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const data = fetcher.data;
  const error = data && "errors" in data ? (data.errors as Record<string, string>) : null;
  if (!canManage || member.role === "owner") return member.accessRemoved ? <Badge tone="critical">Access removed</Badge> : <Text as="span">Has access</Text>;
  const busy = fetcher.state !== "idle";
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        {member.accessRemoved && <Badge tone="critical">Access removed</Badge>}
        <Button
          size="slim"
          tone={member.accessRemoved ? undefined : "critical"}
          loading={busy}
          accessibilityLabel={`${member.accessRemoved ? "Restore access of" : "Remove access of"} ${member.name}`}
          onClick={() =>
            fetcher.submit({ staffId: String(member.id), removed: member.accessRemoved ? "false" : "true" }, { method: "post", action: "?intent=access" })
          }
        >
          {member.accessRemoved ? "Restore access" : "Remove access"}
        </Button>
      </InlineStack>
      {error && <InlineError message={error.access ?? error.general ?? "The access could not be changed."} fieldID={`access-${member.id}`} />}
    </BlockStack>
  );
}

function RoleCell({ member, canManage }: { member: StaffRow; canManage: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const handled = useRef<unknown>(undefined);
  const data = fetcher.data;
  useEffect(() => {
    if (!data || data === handled.current || !("changed" in data) || !data.changed) return;
    handled.current = data;
    shopify.toast.show(`${data.changed.name} is now ${ROLE_LABELS[data.changed.role]}`);
  }, [data, shopify]);

  if (!canManage || member.locked) {
    return (
      <BlockStack gap="050">
        <Badge tone={member.role === "owner" ? "info" : undefined}>{ROLE_LABELS[member.role]}</Badge>
        {canManage && member.locked && (
          <Text as="span" variant="bodySm" tone="subdued">
            {member.locked}
          </Text>
        )}
      </BlockStack>
    );
  }
  const pending = fetcher.formData?.get("role");
  const error = data && "errors" in data ? (data.errors as Record<string, string>) : null;
  return (
    <BlockStack gap="100">
      <Select
        label={`Role of ${member.name}`}
        labelHidden
        options={ROLES.slice()
          .reverse()
          .map((role) => ({ label: ROLE_LABELS[role], value: role }))}
        value={typeof pending === "string" ? pending : member.role}
        disabled={fetcher.state !== "idle"}
        onChange={(role) => fetcher.submit({ staffId: String(member.id), role }, { method: "post", action: "?intent=role" })}
      />
      {error && <InlineError message={error.role ?? error.general ?? "The role could not be changed."} fieldID={`role-${member.id}`} />}
    </BlockStack>
  );
}

export default function StaffAndRoles() {
  const { staff, viewer, roles, timeZone } = useLoaderData<typeof loader>();
  const manage = gate(viewer, "staff.manage");
  return (
    <Page
      title="Staff & roles"
      subtitle="Who may draft, publish and approve discounts in this store."
      backAction={{ content: "Settings", url: "/app/settings" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!manage.allowed && (
              <Banner tone="info" title="Roles are read-only for you">
                <p>{manage.reason}</p>
              </Banner>
            )}
            <Card padding="0">
              <KeyboardScrollable label="Staff and roles">
                <IndexTable
                  resourceName={{ singular: "staff member", plural: "staff members" }}
                  itemCount={staff.length}
                  selectable={false}
                  headings={[{ title: "Name" }, { title: "Email" }, { title: "Role" }, { title: "Access" }, { title: "Last seen" }]}
                >
                  {staff.map((member, index) => (
                    <IndexTable.Row id={String(member.id)} key={member.id} position={index}>
                      <IndexTable.Cell>
                        <InlineStack gap="200" blockAlign="center">
                          <Text as="span" fontWeight="semibold">
                            {member.name}
                          </Text>
                          {member.accountOwner && <Badge tone="success">Account owner</Badge>}
                          {member.id === viewer.id && <Badge>You</Badge>}
                        </InlineStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{member.email || "—"}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <RoleCell member={member} canManage={manage.allowed} />
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <AccessCell member={member} canManage={manage.allowed} />
                      </IndexTable.Cell>
                      <IndexTable.Cell>{formatDateTime(member.lastSeenAt, timeZone)}</IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </KeyboardScrollable>
            </Card>
            <Text as="p" tone="subdued">
              Staff appear here the first time they open PromoGuard; new staff start as Requesters. Removing someone in Shopify doesn't tell PromoGuard: remove
              their access here too, and they can no longer use PromoGuard in this store or reach it from another store's playbooks and portfolio.
            </Text>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                What each role may do
              </Text>
              {roles.map(({ role, label, description }) => (
                <BlockStack gap="050" key={role}>
                  <Text as="h3" variant="headingSm">
                    {label}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {description}
                  </Text>
                </BlockStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
