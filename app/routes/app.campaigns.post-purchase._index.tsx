// Campaigns → Post-purchase: the shop's rules with what each answered, and pause, resume and
// delete. Everyone reads; changes need campaign.publish, checked before the form is read.
import { useEffect, useRef } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Page, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import prisma from "~/db.server";
import { gatedAction } from "~/components/governance";
import { PostPurchaseRulesTable } from "~/components/post-purchase/PostPurchaseRulesTable";
import { deletePostPurchaseRule, setPostPurchaseRuleStatus } from "~/domain/automation/post-purchase-rules.server";
import { postPurchaseRuleChangeSchema } from "~/domain/automation/post-purchase-input";
import { defineActions, intent, notFound } from "~/features/intents.server";
import { postPurchaseListPage } from "~/features/campaigns/post-purchase-pages.server";

export const loader = async ({ request }: LoaderFunctionArgs) => json(await postPurchaseListPage(request));

const ruleAction = (change: "pause" | "resume" | "delete") =>
  intent({
    permission: "campaign.publish",
    schema: postPurchaseRuleChangeSchema,
    run: async ({ context, input }) => {
      const shopDomain = context.session.shop;
      const { ruleId } = input;
      const done =
        change === "delete"
          ? await deletePostPurchaseRule(prisma, shopDomain, context.staff, ruleId)
          : (await setPostPurchaseRuleStatus(prisma, shopDomain, context.staff, ruleId, change === "pause" ? "paused" : "active")) !== null;
      if (!done) return notFound("This rule no longer exists.");
      return json({ ok: true as const, intent: change });
    },
  });

export const action = defineActions({ pause: ruleAction("pause"), resume: ruleAction("resume"), delete: ruleAction("delete") });

export default function PostPurchaseRules() {
  const { rules, readOnly, email, currency } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const shopify = useAppBridge();
  const saved = params.get("saved");
  const toasted = useRef<string | null>(null);
  useEffect(() => {
    if (!saved || toasted.current === saved) return;
    toasted.current = saved;
    shopify.toast.show("Rule saved");
  }, [saved, shopify]);
  const create = gatedAction({ content: "Create rule", url: "/app/campaigns/post-purchase/new" }, readOnly === null, readOnly);
  return (
    <Page
      title="Post-purchase codes"
      subtitle="After an order, a unique code for the next one: for complementary products, valid for a few days, sent when you choose."
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={create}
    >
      <BlockStack gap="400">
        <Card padding={rules.length === 0 ? undefined : "0"}>
          {rules.length === 0 ? (
            <EmptyState
              heading="No post-purchase rules yet"
              action={create}
              image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
            >
              <p>
                A rule picks the orders it answers (products bought, a minimum subtotal, first orders) and sends each customer one code from a pool or campaign.
              </p>
            </EmptyState>
          ) : (
            <PostPurchaseRulesTable rules={rules} readOnly={readOnly} currency={currency} />
          )}
        </Card>
        <Text as="p" tone="subdued">
          Each code is saved on the customer (the thank-you page shows it when sent at once; email tools read it), starts your Shopify Flow workflows that begin
          with Coupon assigned, and {email ? "is emailed to the customer." : "would be emailed with SMTP_URL set on the server."} One order gets at most one
          code; a campaign that holds out a share of its recipients holds out the same share here.
        </Text>
      </BlockStack>
    </Page>
  );
}
