import { useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text, TextField } from "@shopify/polaris";
import { CampaignForm } from "~/components/campaigns/CampaignForm";
import { NEW_CAMPAIGN_ACTIONS } from "~/features/campaigns/campaign-actions.server";
import { defineActions } from "~/features/intents.server";
import { useCampaignSubmit } from "~/components/campaigns/submit";
import { gatedAction } from "~/components/governance";
import { newCampaignPage } from "~/features/campaigns/campaign-route.server";

export const loader = async ({ request }: LoaderFunctionArgs) => json(await newCampaignPage(request));

export const action = defineActions(NEW_CAMPAIGN_ACTIONS, { default: "save" });

const NO_ERRORS: Record<string, string> = {};

export default function NewCampaign() {
  const { timeZone, pools, staff, required, viewer, publishRefusal, values: initial, catalogue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [values, setValues] = useState(initial);
  const [note, setNote] = useState("");
  const busy = useNavigation().state !== "idle";
  // Checked with the form's schema before posting; the server's problems land on the same fields.
  const { post: postForm, errors } = useCampaignSubmit({ timeZone, required }, result && "errors" in result ? result.errors : NO_ERRORS);
  const canPublish = viewer.permissions["campaign.publish"];
  const post = (intent: string) => () => postForm(values, intent, { note });

  return (
    <Page
      title="New campaign"
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={gatedAction({ content: "Save and publish", loading: busy, onAction: post("publish") }, canPublish, publishRefusal)}
      secondaryActions={[
        { content: "Save as draft", disabled: busy, onAction: post("save") },
        { content: "Submit for approval", disabled: busy, onAction: post("submit") },
      ]}
    >
      <BlockStack gap="400">
        {Object.keys(errors).length > 0 && (
          <Banner tone="critical" title="The campaign wasn't saved">
            {errors.general ?? errors.config ?? "Fix the fields marked below."}
          </Banner>
        )}
        {!canPublish && (
          <Banner tone="info" title="Your campaigns go to an Approver">
            Save a draft, or submit it for approval with a note. Approving it publishes it.
          </Banner>
        )}
        <Layout>
          <CampaignForm
            values={values}
            errors={errors}
            pools={pools}
            staff={staff}
            ownerRequired={required.owner}
            codesLocked={false}
            timeZone={timeZone}
            catalogue={catalogue}
            testUrl={null}
            onChange={setValues}
          />
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Approval
                </Text>
                <TextField
                  label="Note for the approver"
                  value={note}
                  onChange={setNote}
                  multiline={2}
                  autoComplete="off"
                  helpText="Sent with “Submit for approval”."
                />
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
