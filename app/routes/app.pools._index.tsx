import { useCallback, useState } from "react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { poolStore } from "~/domain/pools/store.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolOverviews } from "~/domain/pools/overview.server";
import { CreatePoolModal } from "~/components/pools/CreatePoolModal";
import { PoolsTable } from "~/components/pools/PoolsTable";
import { formText, poolErrorResponse } from "~/components/pools/pool-route.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const overviews = await poolOverviews(poolStore(), session.shop);
  return json({
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

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  try {
    const pool = await createPool(poolStore(), session.shop, formText(form, "name"));
    return json({ created: { id: pool.id, name: pool.name } });
  } catch (error) {
    return poolErrorResponse(error);
  }
};

export default function CouponPools() {
  const { pools } = useLoaderData<typeof loader>();
  const [creating, setCreating] = useState(false);
  const openCreate = useCallback(() => setCreating(true), []);
  const closeCreate = useCallback(() => setCreating(false), []);

  return (
    <Page
      title="Coupon Pools"
      subtitle="Coupon Management: organize unique codes by campaign, hand them out, and see what is left."
      primaryAction={{ content: "Create Pool", onAction: openCreate }}
    >
      <Layout>
        <Layout.Section>
          <Card padding={pools.length === 0 ? undefined : "0"}>
            {pools.length === 0 ? (
              <EmptyState
                heading="No coupon pools yet"
                action={{ content: "Create Pool", onAction: openCreate }}
                image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
              >
                <p>
                  A coupon pool groups unique codes for one purpose, such as a welcome discount, abandoned carts or VIP
                  customers. Create your first pool to start importing and assigning codes.
                </p>
              </EmptyState>
            ) : (
              <PoolsTable pools={pools} />
            )}
          </Card>
        </Layout.Section>
        {pools.length > 0 && (
          <Layout.Section>
            <Text as="p" tone="subdued">
              Best practices: create separate pools for different campaigns, give them clear names, and turn on
              availability alerts so a pool never runs out unnoticed.
            </Text>
          </Layout.Section>
        )}
      </Layout>
      <CreatePoolModal open={creating} onClose={closeCreate} />
    </Page>
  );
}
