import { useCallback, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { defineActions, intent } from "~/features/intents.server";
import { gate, gatedAction } from "~/components/governance";
import { poolStore } from "~/domain/pools/store.server";
import { createPoolBy } from "~/domain/pools/staff-changes.server";
import { poolNameFormSchema } from "~/domain/pools/rules";
import { poolOverviews } from "~/domain/pools/overview.server";
import { CreatePoolModal } from "~/components/pools/CreatePoolModal";
import { PoolsTable } from "~/components/pools/PoolsTable";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  const overviews = await poolOverviews(poolStore(), ctx.session.shop);
  return json({
    viewer: viewerOf(ctx),
    pools: overviews.map(({ pool, counts, openAlerts }) => ({
      id: pool.id,
      name: pool.name,
      available: counts.available,
      assigned: counts.assigned,
      total: counts.total,
      alerts: openAlerts.map((alert) => alert.kind),
    })),
  });
};

export const action = defineActions({
  create: intent({
    permission: "pool.manage",
    schema: poolNameFormSchema,
    run: async ({ context, input }) => {
      const pool = await createPoolBy(poolStore(), context.session.shop, input.name!.name, context.staff);
      return json({ created: { id: pool.id, name: pool.name } });
    },
  }),
});

export default function CouponPools() {
  const { pools, viewer } = useLoaderData<typeof loader>();
  const manage = gate(viewer, "pool.manage");
  const [creating, setCreating] = useState(false);
  const openCreate = useCallback(() => setCreating(true), []);
  const closeCreate = useCallback(() => setCreating(false), []);

  return (
    <Page
      title="Coupon Pools"
      subtitle="Coupon Management: organize unique codes by campaign, hand them out, and see what is left."
      primaryAction={gatedAction({ content: "Create Pool", onAction: openCreate }, manage.allowed, manage.reason)}
    >
      <Layout>
        <Layout.Section>
          <Card padding={pools.length === 0 ? undefined : "0"}>
            {pools.length === 0 ? (
              <EmptyState
                heading="No coupon pools yet"
                action={manage.allowed ? { content: "Create Pool", onAction: openCreate } : undefined}
                image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
              >
                <p>
                  A coupon pool groups unique codes for one purpose, such as a welcome discount, abandoned carts or VIP customers. Create your first pool to
                  start importing and assigning codes.
                </p>
                {manage.reason && <p>{manage.reason}</p>}
              </EmptyState>
            ) : (
              <PoolsTable pools={pools} />
            )}
          </Card>
        </Layout.Section>
        {pools.length > 0 && (
          <Layout.Section>
            <Text as="p" tone="subdued">
              Best practices: create separate pools for different campaigns, give them clear names, and turn on availability alerts so a pool never runs out
              unnoticed.
            </Text>
          </Layout.Section>
        )}
      </Layout>
      <CreatePoolModal open={creating} onClose={closeCreate} />
    </Page>
  );
}
