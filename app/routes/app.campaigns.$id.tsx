import { useEffect, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { RedemptionSummaryCard } from "~/components/redemptions/RedemptionSummaryCard";
import { CampaignHeadline } from "~/components/analytics/CampaignHeadline";
import { CampaignForm } from "~/components/campaigns/CampaignForm";
import { CodeSyncCard } from "~/components/campaigns/CodeSyncCard";
import { StatusBadge } from "~/components/campaigns/StatusBadge";
import { CAMPAIGN_PAGE_ACTIONS } from "~/features/campaigns/campaign-actions.server";
import { defineActions } from "~/features/intents.server";
import { ApprovalStateBadge } from "~/components/campaigns/ApprovalStateBadge";
import { GovernancePanel, type WorkflowFields } from "~/components/campaigns/GovernancePanel";
import { gatedAction } from "~/components/governance";
import { useCampaignSubmit } from "~/components/campaigns/submit";
import { CapsBanner, CapsCard } from "~/components/campaigns/CapsCard";
import { StockCard } from "~/components/campaigns/StockCard";
import { ConfirmModal, type Confirmation } from "~/components/ConfirmModal";
import { campaignPage } from "~/features/campaigns/campaign-route.server";

/** What pausing and archiving do, asked before they happen. */
const CONFIRMATIONS: Record<"pause" | "archive", (name: string) => Confirmation> = {
  pause: (name) => ({
    title: `Pause ${name}?`,
    body: "Its codes stop working at checkout until you resume it. Customers who already have a code can't use it while it's paused.",
    action: "Pause campaign",
  }),
  archive: (name) => ({
    title: `Archive ${name}?`,
    body: "Its discount is switched off in Shopify and its codes stop working. It stays here as history; you can reactivate it later, under the same approval rules as publishing.",
    action: "Archive campaign",
    destructive: true,
  }),
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => json(await campaignPage(request, params));

export const action = defineActions(CAMPAIGN_PAGE_ACTIONS, { default: "save" });

const NO_FIELDS: WorkflowFields = { note: "", overrideReason: "", decisionReason: "" };

export default function CampaignPage() {
  const {
    campaign,
    codesLocked,
    values: loaded,
    publishErrors,
    pools,
    sync,
    redemptions,
    timeZone,
    governance,
    headline,
    caps,
    stock,
    testCartUrl,
    playbook,
    catalogue,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [values, setValues] = useState(loaded);
  useEffect(() => setValues(loaded), [loaded]);
  const [fields, setFields] = useState(NO_FIELDS);
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.ok && result.done) {
      shopify.toast.show(result.done);
      setFields(NO_FIELDS);
    }
  }, [result, shopify]);
  // Checked with the form's schema before posting; the server's problems land on the same fields.
  const {
    post: postForm,
    errors,
    checkedHere,
  } = useCampaignSubmit({ timeZone, required: governance.required }, result && !result.ok ? result.errors : publishErrors);
  const archived = campaign.lifecycle === "archived";
  const post = (intent: string, requestId?: number) => postForm(values, intent, { ...fields, ...(requestId ? { requestId: String(requestId) } : {}) });
  const act = (intent: string) => () => post(intent);
  const [confirming, setConfirming] = useState<"pause" | "archive" | null>(null);
  const ask = (intent: "pause" | "archive") => () => setConfirming(intent);
  const { actions, viewer } = governance;
  const canLifecycle = actions.lifecycle === null;
  const canPublish = viewer.permissions["campaign.publish"];

  const lifecycleActions = [
    ...(campaign.lifecycle === "live" ? [gatedAction({ content: "Pause", onAction: ask("pause"), disabled: busy }, canLifecycle, actions.lifecycle)] : []),
    ...(campaign.lifecycle === "paused" ? [gatedAction({ content: "Resume", onAction: act("resume"), disabled: busy }, canLifecycle, actions.lifecycle)] : []),
    ...(!archived ? [gatedAction({ content: "Archive", destructive: true, onAction: ask("archive"), disabled: busy }, canLifecycle, actions.lifecycle)] : []),
    ...(archived ? [gatedAction({ content: "Reactivate", onAction: act("reactivate"), disabled: busy }, canLifecycle, actions.lifecycle)] : []),
    ...(viewer.permissions["campaign.draft"] ? [{ content: "Duplicate", onAction: act("duplicate"), disabled: busy }] : []),
  ];
  // A Requester can't publish: their edits of a published campaign go to the Approvals queue.
  const primaryAction = archived
    ? undefined
    : canPublish
      ? { content: campaign.published ? "Save and publish" : "Publish", loading: busy, onAction: act("publish") }
      : campaign.published
        ? { content: "Submit changes for approval", loading: busy, onAction: act("submit") }
        : { content: "Save draft", loading: busy, onAction: act("save") };
  const draftSave = !campaign.published && !archived && canPublish ? [{ content: "Save draft", onAction: act("save"), disabled: busy }] : [];

  return (
    <Page
      title={campaign.name}
      titleMetadata={
        <>
          <StatusBadge status={campaign.status} /> <ApprovalStateBadge state={governance.approvalState} />
        </>
      }
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={primaryAction}
      secondaryActions={[...draftSave, ...lifecycleActions, { content: "Test a cart", url: testCartUrl }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {archived && (
              <Banner tone="info" title="Archived">
                This campaign&apos;s discount is switched off in Shopify. It stays here as history. Reactivate it to run it again: the same approval rules apply
                as when publishing.
              </Banner>
            )}
            {playbook && <Text as="p" tone="subdued">{`Its rules come from ${playbook}, applied by an agency.`}</Text>}
            {Object.keys(errors).length > 0 && (
              <Banner tone="critical" title={checkedHere || (result && !result.ok) ? "That didn't work" : "The last publish didn't go through"}>
                {errors.general ?? errors.overrideReason ?? errors.decisionReason ?? errors.config ?? "Fix the fields marked below, then publish again."}
              </Banner>
            )}
            {!archived && (
              <GovernancePanel
                governance={governance}
                published={campaign.published}
                timeZone={timeZone}
                busy={busy}
                errors={errors}
                fields={fields}
                onFieldsChange={setFields}
                onIntent={post}
              />
            )}
            {caps && !archived && <CapsBanner caps={caps} timeZone={timeZone} />}
            {headline && <CampaignHeadline headline={headline} />}
            {caps && <CapsCard caps={caps} />}
            {stock && <StockCard stock={stock} timeZone={timeZone} />}
            {redemptions && <RedemptionSummaryCard summary={redemptions} timeZone={timeZone} />}
            {sync && <CodeSyncCard sync={sync} published={campaign.published} />}
          </BlockStack>
        </Layout.Section>
        <CampaignForm
          values={values}
          errors={errors}
          pools={pools}
          staff={governance.staff}
          ownerRequired={governance.required.owner}
          codesLocked={codesLocked}
          timeZone={timeZone}
          catalogue={catalogue}
          testUrl={campaign.published ? testCartUrl : null}
          onChange={setValues}
        />
      </Layout>
      <ConfirmModal
        confirmation={confirming ? CONFIRMATIONS[confirming](campaign.name) : null}
        busy={busy}
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) post(confirming);
          setConfirming(null);
        }}
      />
    </Page>
  );
}
