import { useCallback, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Page } from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { EditIcon, ImportIcon } from "@shopify/polaris-icons";
import { ALERT_HELP, listPoolAlerts, refreshPoolAlerts } from "~/domain/pools/alerts.server";
import { listActiveCoupons } from "~/domain/pools/coupons.server";
import { getCouponUsage } from "~/domain/redemptions/summary.server";
import prisma from "~/db.server";
import { listAssignments } from "~/domain/pools/history.server";
import { HEADER_HELP } from "~/domain/pools/import-columns";
import { IMPORT_POLICY } from "~/domain/pools/import-source";
import { latestImport } from "~/domain/pools/imports.server";
import { countCoupons } from "~/domain/pools/pools.server";
import { addCouponFormSchema, alertSettingsFormSchema, poolNameFormSchema } from "~/domain/pools/rules";
import { addCouponBy, renamePoolBy, saveAlertSettingsBy } from "~/domain/pools/staff-changes.server";
import { enqueueCodeSyncsForPool } from "~/domain/campaigns/code-sync.server";
import { poolOf, requirePool, shopifyCodesFor } from "~/features/pools/pool-route.server";
import { defineActions, intent } from "~/features/intents.server";
import { viewerOf } from "~/features/access.server";
import { gate, gatedAction, PermissionButton } from "~/components/governance";
import { AlertSettingsCard } from "~/components/pools/AlertSettingsCard";
import { PoolAlertBanners } from "~/components/pools/PoolAlertBanners";
import { PoolStats } from "~/components/pools/PoolStats";
import { CouponTabs } from "~/components/pools/CouponTabs";
import { RenamePoolModal } from "~/components/pools/RenamePoolModal";
import { ImportCouponsModal } from "~/components/pools/ImportCouponsModal";
import { ImportSummaryBanner } from "~/components/pools/ImportSummaryBanner";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { pool, store, ctx } = await requirePool(request, params);
  const url = new URL(request.url);
  const tab: "active" | "history" = url.searchParams.get("tab") === "history" ? "history" : "active";
  const pageRequest = {
    search: url.searchParams.get("q"),
    after: url.searchParams.get("after"),
    before: url.searchParams.get("before"),
  };
  await refreshPoolAlerts(store, pool);
  const [counts, alerts, lastImport, coupons, history] = await Promise.all([
    countCoupons(store, pool),
    listPoolAlerts(store, pool),
    latestImport(store, pool),
    tab === "active" ? listActiveCoupons(store, pool, pageRequest) : null,
    tab === "history" ? listAssignments(store, pool, pageRequest) : null,
  ]);
  return json({
    viewer: viewerOf(ctx),
    pool: {
      id: pool.id,
      name: pool.name,
      lowStockAlertEnabled: pool.lowStockAlertEnabled,
      lowStockThreshold: pool.lowStockThreshold,
      timeZone: pool.timeZone,
    },
    counts,
    alerts,
    lastImport,
    tab,
    search: pageRequest.search ?? "",
    coupons,
    history,
    usage: history
      ? await getCouponUsage(
          prisma,
          pool.shopDomain,
          history.items.map((assignment) => assignment.couponId),
        )
      : {},
    help: { alerts: ALERT_HELP, importPolicy: IMPORT_POLICY, importColumns: HEADER_HELP },
  });
};

// Every intent here changes the pool: pool.manage, checked before the form is read.
export const action = defineActions({
  rename: intent({
    permission: "pool.manage",
    schema: poolNameFormSchema,
    run: async ({ context, params, input }) => {
      await renamePoolBy(await poolOf(context, params), input.name!.name);
      return json({ done: "rename" as const });
    },
  }),
  alerts: intent({
    permission: "pool.manage",
    schema: alertSettingsFormSchema,
    run: async ({ context, params, input }) => {
      await saveAlertSettingsBy(await poolOf(context, params), { enabled: input.enabled, threshold: input.threshold! });
      return json({ done: "alerts" as const });
    },
  }),
  addCoupon: intent({
    permission: "pool.manage",
    schema: addCouponFormSchema,
    run: async ({ context, params, input }) => {
      const change = await poolOf(context, params);
      const coupon = await addCouponBy(
        change,
        { code: input.code!.code, message: input.message, poolExpiration: input.poolExpiration, userExpirationDays: input.userExpirationDays },
        await shopifyCodesFor(context, { few: true }),
      );
      // Campaigns fed by the pool push the new code to Shopify now, not at the next reconcile.
      await enqueueCodeSyncsForPool(prisma, change.pool.id);
      return json({ done: "addCoupon" as const, code: coupon.code });
    },
  }),
});

export default function PoolDetails() {
  const data = useLoaderData<typeof loader>();
  const [renaming, setRenaming] = useState(false);
  const [importing, setImporting] = useState(false);
  const closeRename = useCallback(() => setRenaming(false), []);
  const closeImport = useCallback(() => setImporting(false), []);
  const manage = gate(data.viewer, "pool.manage");

  return (
    <Page
      backAction={{ content: "Coupon Pools", url: "/app/pools" }}
      title={data.pool.name}
      titleMetadata={<PermissionButton {...manage} icon={EditIcon} variant="plain" accessibilityLabel="Edit pool name" onClick={() => setRenaming(true)} />}
      primaryAction={gatedAction({ content: "Import Coupons", icon: ImportIcon, onAction: () => setImporting(true) }, manage.allowed, manage.reason)}
    >
      <MainAndSide
        main={
          <BlockStack gap="400">
            <PoolAlertBanners alerts={data.alerts.filter((alert) => alert.clearedAt === null)} timeZone={data.pool.timeZone} />
            {data.lastImport && <ImportSummaryBanner summary={data.lastImport} timeZone={data.pool.timeZone} />}
            <PoolStats counts={data.counts} />
            <Card padding="0">
              <CouponTabs
                poolId={data.pool.id}
                tab={data.tab}
                search={data.search}
                coupons={data.coupons}
                history={data.history}
                usage={data.usage}
                timeZone={data.pool.timeZone}
                viewer={data.viewer}
              />
            </Card>
          </BlockStack>
        }
        side={<AlertSettingsCard pool={data.pool} alerts={data.alerts} help={data.help.alerts} viewer={data.viewer} />}
      />
      <RenamePoolModal open={renaming} onClose={closeRename} currentName={data.pool.name} />
      <ImportCouponsModal open={importing} onClose={closeImport} poolId={data.pool.id} policy={data.help.importPolicy} columnsHelp={data.help.importColumns} />
    </Page>
  );
}
