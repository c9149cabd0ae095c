import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { listOpenAlerts, refreshShopAlerts } from "~/domain/pools/alerts.server";
import { shopTimeZone } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { PoolAlertBanners } from "~/components/pools/PoolAlertBanners";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const store = poolStore();
  await refreshShopAlerts(store, session.shop);
  const [alerts, timeZone] = await Promise.all([listOpenAlerts(store, session.shop), shopTimeZone(store, session.shop)]);
  return json({ alerts, timeZone });
};

export default function Dashboard() {
  const { alerts, timeZone } = useLoaderData<typeof loader>();
  return (
    <Page title="Dashboard">
      <Layout>
        {alerts.length > 0 && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Pool alerts
                </Text>
                <PoolAlertBanners alerts={alerts} timeZone={timeZone} linkToPool />
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <EmptyState
              heading="Welcome to PromoGuard"
              image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
            >
              <p>Your governed discount codes, pool alerts and the revenue your codes really earn will appear here.</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
