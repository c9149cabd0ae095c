import { useState } from "react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Page } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { CampaignForm } from "~/components/campaigns/CampaignForm";
import { createFromForm, newCampaignFormValues, poolChoices, shopTimeZone } from "~/components/campaigns/campaign-route.server";
import { submitValues } from "~/components/campaigns/submit";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const timeZone = await shopTimeZone(session.shop);
  return json({ timeZone, pools: await poolChoices(session.shop), values: newCampaignFormValues(timeZone) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const { campaign, response } = await createFromForm(admin, session.shop, await request.formData());
  return campaign ? redirect(`/app/campaigns/${campaign.id}`) : response;
};

export default function NewCampaign() {
  const { timeZone, pools, values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [values, setValues] = useState(initial);
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string> = result && "errors" in result ? result.errors : {};

  return (
    <Page
      title="New campaign"
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={{ content: "Save and publish", loading: busy, onAction: () => submitValues(submit, values, "publish") }}
      secondaryActions={[{ content: "Save as draft", disabled: busy, onAction: () => submitValues(submit, values, "save") }]}
    >
      <BlockStack gap="400">
        {Object.keys(errors).length > 0 && <Banner tone="critical" title="The campaign wasn't saved">{errors.general ?? errors.config ?? "Fix the fields marked below."}</Banner>}
        <CampaignForm values={values} errors={errors} pools={pools} codesLocked={false} timeZone={timeZone} onChange={setValues} />
      </BlockStack>
    </Page>
  );
}
