import { useCallback, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Page } from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { EditIcon, ImportIcon } from "@shopify/polaris-icons";
import prisma from "~/db.server";
import { addCouponFormSchema, alertSettingsFormSchema, poolNameFormSchema } from "~/domain/pools/rules";
import { addCouponBy, renamePoolBy, saveAlertSettingsBy } from "~/domain/pools/staff-changes.server";
import { enqueueCodeSyncsForPool } from "~/domain/campaigns/code-sync.server";
import { poolOf, shopifyCodesFor } from "~/features/pools/pool-route.server";
import { defineActions, intent } from "~/features/intents.server";
import { gate, gatedAction, PermissionButton } from "~/components/governance";
import { AlertSettingsCard } from "~/components/pools/AlertSettingsCard";
import { PoolAlertBanners } from "~/components/pools/PoolAlertBanners";
import { PoolStats } from "~/components/pools/PoolStats";
import { CouponTabs } from "~/components/pools/CouponTabs";
import { RenamePoolModal } from "~/components/pools/RenamePoolModal";
import { ImportCouponsModal } from "~/components/pools/ImportCouponsModal";
import { ImportSummaryBanner } from "~/components/pools/ImportSummaryBanner";
import { poolPage } from "~/features/pools/pool-route.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => json(await poolPage(request, params));

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
