import { useEffect, useState } from "react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import prisma from "~/db.server";
import { displayStatus } from "~/domain/campaigns/status";
import { getCodeSyncStatus } from "~/jobs/code-sync.server";
import { getCampaignRedemptionSummary } from "~/domain/redemptions/summary.server";
import { RedemptionSummaryCard } from "~/components/redemptions/RedemptionSummaryCard";
import { CampaignForm } from "~/components/campaigns/CampaignForm";
import { CodeSyncCard } from "~/components/campaigns/CodeSyncCard";
import { StatusBadge } from "~/components/campaigns/StatusBadge";
import { campaignAction, campaignFormValues, poolChoices, requireCampaign, shopTimeZone } from "~/components/campaigns/campaign-route.server";
import { submitValues } from "~/components/campaigns/submit";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { campaign, shopDomain } = await requireCampaign(request, params);
  const timeZone = await shopTimeZone(shopDomain);
  const publishErrors = campaign.lastPublishError ? (JSON.parse(campaign.lastPublishError) as { field: string; message: string }[]) : [];
  return json({
    campaign: { id: campaign.id, name: campaign.name, codeSource: campaign.codeSource, published: campaign.shopifyDiscountId !== null, status: displayStatus(campaign), lifecycle: campaign.status },
    codesLocked: campaign.ownsPool || campaign.shopifyDiscountId !== null,
    values: campaignFormValues(campaign, timeZone),
    publishErrors: Object.fromEntries(publishErrors.map((error) => [error.field, error.message])),
    pools: await poolChoices(shopDomain),
    sync: campaign.codeSource === "shared" ? null : await getCodeSyncStatus(prisma, campaign.id),
    redemptions: campaign.shopifyDiscountId === null ? null : await getCampaignRedemptionSummary(prisma, shopDomain, campaign.id),
    timeZone,
  });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { campaign, admin } = await requireCampaign(request, params);
  return campaignAction(admin, campaign, await request.formData());
};

export default function CampaignPage() {
  const { campaign, codesLocked, values: loaded, publishErrors, pools, sync, redemptions, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [values, setValues] = useState(loaded);
  useEffect(() => setValues(loaded), [loaded]);
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.ok && result.done) shopify.toast.show(result.done);
  }, [result, shopify]);
  const errors: Record<string, string> = result && !result.ok ? result.errors : publishErrors;
  const archived = campaign.lifecycle === "archived";
  const act = (intent: string) => () => submitValues(submit, values, intent);

  const lifecycleActions = [
    ...(campaign.lifecycle === "live" ? [{ content: "Pause", onAction: act("pause"), disabled: busy }] : []),
    ...(campaign.lifecycle === "paused" ? [{ content: "Resume", onAction: act("resume"), disabled: busy }] : []),
    ...(!archived ? [{ content: "Archive", destructive: true, onAction: act("archive"), disabled: busy }] : []),
  ];

  return (
    <Page
      title={campaign.name}
      titleMetadata={<StatusBadge status={campaign.status} />}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={archived ? undefined : { content: campaign.published ? "Save and publish" : "Publish", loading: busy, onAction: act("publish") }}
      secondaryActions={[...(campaign.published || archived ? [] : [{ content: "Save draft", onAction: act("save"), disabled: busy }]), ...lifecycleActions]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {archived && <Banner tone="info" title="Archived">This campaign's discount is switched off in Shopify. It stays here as history.</Banner>}
            {Object.keys(errors).length > 0 && (
              <Banner tone="critical" title={result && !result.ok ? "That didn't work" : "The last publish didn't go through"}>
                {errors.general ?? errors.config ?? "Fix the fields marked below, then publish again."}
              </Banner>
            )}
            {redemptions && <RedemptionSummaryCard summary={redemptions} timeZone={timeZone} />}
            {sync && <CodeSyncCard sync={sync} published={campaign.published} />}
            <CampaignForm values={values} errors={errors} pools={pools} codesLocked={codesLocked} timeZone={timeZone} onChange={setValues} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
