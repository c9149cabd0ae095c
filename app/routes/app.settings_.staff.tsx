import { useEffect, useRef } from "react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, IndexTable, InlineError, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import prisma from "~/db.server";
import { gate } from "~/components/governance";
import { authenticateStaff, authorize, viewerOf } from "~/features/access.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { isRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "~/domain/governance/roles";
import { findStaff, toStaff } from "~/domain/governance/staff.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";
import { shopDate } from "~/components/campaigns/format";

// Staff & roles: everyone who has opened PromoGuard in this store, with their role. Only an Owner
// changes roles. The store's account owner is always an Owner, and a store always keeps at least
// one Owner, so nobody can lock the shop out of its own policy and roles. An Owner can also remove
// someone's access (an agency the store stopped working with): Shopify does not tell apps when a
// collaborator or staff account loses access, so PromoGuard's own switch is what cuts them off,
// here and from every other store's playbooks and portfolio, at once.

const ACCOUNT_OWNER_STAYS = "The store's account owner is always an Owner.";
const OWNERS_KEEP_ACCESS = "An Owner's access can't be removed. Give them another role first.";
const LAST_OWNER_STAYS = "This is the store's only Owner. Make someone else an Owner first.";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  const rows = await prisma.staffMember.findMany({ where: { shopDomain: ctx.session.shop }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const owners = rows.filter((row) => row.role === "owner").length;
  return json({
    viewer: viewerOf(ctx),
    staff: rows.map((row) => {
      const staff = toStaff(row);
      return {
        ...staff,
        lastSeenAt: row.lastSeenAt.toISOString(),
        /** Why this person's role cannot be changed by anyone, whatever the viewer's role. */
        locked: staff.accountOwner ? ACCOUNT_OWNER_STAYS : staff.role === "owner" && owners <= 1 ? LAST_OWNER_STAYS : null,
      };
    }),
    timeZone: await shopTimeZone(ctx.session.shop),
    roles: ROLES.slice().reverse().map((role) => ({ role, label: ROLE_LABELS[role], description: ROLE_DESCRIPTIONS[role] })),
  });
};

class RoleChangeRefused extends Error {}

/**
 * POST intent=role, staffId, role: changes a staff member's role; intent=access, staffId,
 * removed=true|false: removes or gives back their access to PromoGuard in this store (staff.manage).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const ctx = await authorize(request, "staff.manage");
  const shopDomain = ctx.session.shop;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "access") return changeAccess(ctx, form);
  if (intent !== "role") return json({ errors: { form: `Unknown action "${String(intent)}"` } }, { status: 400 });
  const role = form.get("role");
  if (!isRole(role)) return json({ errors: { role: `Choose one of the roles: ${ROLES.map((r) => ROLE_LABELS[r]).join(", ")}.` } }, { status: 400 });
  const target = await findStaff(prisma, shopDomain, Number(form.get("staffId")));
  if (!target) return json({ errors: { form: "This store has no such staff member." } }, { status: 404 });
  if (target.role === role) return json({ changed: null });

  try {
    await prisma.$transaction(async (tx) => {
      // Read again inside the transaction: two Owners demoting each other at once must not both win.
      const current = await tx.staffMember.findFirstOrThrow({ where: { id: target.id, shopDomain } });
      if (current.accountOwner && role !== "owner") throw new RoleChangeRefused(ACCOUNT_OWNER_STAYS);
      if (current.role === "owner" && role !== "owner") {
        const owners = await tx.staffMember.count({ where: { shopDomain, role: "owner" } });
        if (owners <= 1) throw new RoleChangeRefused(LAST_OWNER_STAYS);
      }
      await tx.staffMember.update({ where: { id: current.id }, data: { role } });
      await recordAudit(tx, {
        shopDomain,
        actor: ctx.staff,
        action: "staff.role",
        entityType: "staff",
        entityId: current.id,
        entityLabel: current.name,
        before: { role: current.role },
        after: { role },
      });
    });
  } catch (error) {
    if (error instanceof RoleChangeRefused) return json({ errors: { role: error.message } }, { status: 409 });
    throw error;
  }
  return json({ changed: { id: target.id, name: target.name, role: role as Role } });
};

async function changeAccess(ctx: Awaited<ReturnType<typeof authorize>>, form: FormData) {
  const shopDomain = ctx.session.shop;
  const target = await findStaff(prisma, shopDomain, Number(form.get("staffId")));
  if (!target) return json({ errors: { form: "This store has no such staff member." } }, { status: 404 });
  const remove = form.get("removed") === "true";
  if (remove && (target.accountOwner || target.role === "owner")) return json({ errors: { access: target.accountOwner ? ACCOUNT_OWNER_STAYS : OWNERS_KEEP_ACCESS } }, { status: 409 });
  if (remove === target.accessRemoved) return json({ access: null });
  await prisma.staffMember.update({ where: { id: target.id }, data: { accessRemovedAt: remove ? new Date() : null } });
  await recordAudit(prisma, {
    shopDomain,
    actor: ctx.staff,
    action: "staff.access",
    entityType: "staff",
    entityId: target.id,
    entityLabel: target.name,
    before: { access: target.accessRemoved ? "removed" : "granted" },
    after: { access: remove ? "removed" : "granted" },
  });
  return json({ access: { id: target.id, name: target.name, removed: remove } });
}

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
          onClick={() => fetcher.submit({ intent: "access", staffId: String(member.id), removed: member.accessRemoved ? "false" : "true" }, { method: "post" })}
        >
          {member.accessRemoved ? "Restore access" : "Remove access"}
        </Button>
      </InlineStack>
      {error && <InlineError message={error.access ?? error.form ?? "The access could not be changed."} fieldID={`access-${member.id}`} />}
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
        options={ROLES.slice().reverse().map((role) => ({ label: ROLE_LABELS[role], value: role }))}
        value={typeof pending === "string" ? pending : member.role}
        disabled={fetcher.state !== "idle"}
        onChange={(role) => fetcher.submit({ intent: "role", staffId: String(member.id), role }, { method: "post" })}
      />
      {error && <InlineError message={error.role ?? error.form ?? "The role could not be changed."} fieldID={`role-${member.id}`} />}
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
                    <IndexTable.Cell>{shopDate(member.lastSeenAt, timeZone)}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
            <Text as="p" tone="subdued">
              Staff appear here the first time they open PromoGuard; new staff start as Requesters. Removing someone in
              Shopify doesn't tell PromoGuard: remove their access here too, and they can no longer use PromoGuard in
              this store or reach it from another store's playbooks and portfolio.
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
