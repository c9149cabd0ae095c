// One post-purchase rule: /app/campaigns/post-purchase/new creates it, /app/campaigns/post-purchase/:id
// edits it. Everyone reads; saving needs campaign.publish (a rule hands out codes by itself).
import { shopCurrency } from "~/domain/shops.server";
import { useCallback, useState } from "react";
import { json, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Page } from "@shopify/polaris";
import prisma from "~/db.server";
import { gatedAction } from "~/components/governance";
import { PostPurchaseRuleForm, ruleFormFields, type RuleFormValues } from "~/components/post-purchase/PostPurchaseRuleForm";
import { codeSourceChoices, findPostPurchaseRule, saveReadPostPurchaseRule, type PostPurchaseRuleView } from "~/domain/automation/post-purchase-rules.server";
import { postPurchaseRuleForm } from "~/domain/automation/post-purchase-input";
import { useFormCheck } from "~/components/form-check";
import { authenticateStaff } from "~/features/access.server";
import { defineActions, failure, found, idParam, intent } from "~/features/intents.server";
import { whyNot } from "~/domain/governance/roles";
import { systemClock } from "~/lib/clock";
import { throttledAdmin } from "~/shopify/admin-graphql.server";

const PERMISSION = "campaign.publish";
const RULE_NOT_FOUND = "Post-purchase rule not found";

/** The rule the URL names: null for "new"; a 404 for anything else the shop has no rule under. */
async function ruleOf(shopDomain: string, id: string | undefined): Promise<PostPurchaseRuleView | null> {
  if (id === "new") return null;
  return found(await findPostPurchaseRule(prisma, shopDomain, idParam({ id }, "id", RULE_NOT_FOUND)), RULE_NOT_FOUND);
}

function formValues(rule: PostPurchaseRuleView | null): RuleFormValues {
  return {
    name: rule?.name ?? "",
    triggerProducts: rule?.triggerProducts ?? [],
    triggerCollections: rule?.triggerCollections ?? [],
    minimumSubtotal: rule?.minimumSubtotal ?? "",
    firstOrderOnly: rule?.firstOrderOnly ?? false,
    codeSource: rule?.codeSource ?? "pool",
    poolId: rule?.poolId ? String(rule.poolId) : "",
    campaignId: rule?.campaignId ? String(rule.campaignId) : "",
    validityDays: String(rule?.validityDays ?? 30),
    offerProducts: rule?.offerProducts ?? [],
    message: rule?.message ?? "",
    delayDays: String(rule?.delayDays ?? 0),
  };
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  const shopDomain = context.session.shop;
  const rule = await ruleOf(shopDomain, params.id);
  return json({
    id: rule?.id ?? null,
    values: formValues(rule),
    choices: await codeSourceChoices(prisma, shopDomain),
    currency: await shopCurrency(prisma, shopDomain),
    readOnly: whyNot(context.staff.role, PERMISSION),
  });
};

export const action = defineActions({
  save: intent({
    permission: PERMISSION,
    schema: postPurchaseRuleForm,
    run: async ({ context, params, input }) => {
      const shopDomain = context.session.shop;
      const existing = await ruleOf(shopDomain, params.id);
      const call = throttledAdmin(context.admin, { clock: systemClock }).call;
      const saved = found(await saveReadPostPurchaseRule(prisma, call, shopDomain, context.staff, existing?.id ?? null, input), RULE_NOT_FOUND);
      if (!saved.ok) return failure(400, saved.errors);
      return redirect(`/app/campaigns/post-purchase?saved=${saved.rule.id}`);
    },
  }),
});

export default function PostPurchaseRulePage() {
  const { id, values, choices, currency, readOnly } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [fields, setFields] = useState(() => ruleFormFields(values));
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  // Checked with the form's schema before posting (the action reads it with the same one); what
  // only the shop can tell (the products, pool or campaign still exist) is the server's answer.
  const { errors = {}, check } = useFormCheck(postPurchaseRuleForm, result && !result.ok ? result.errors : undefined);
  const save = useCallback(() => {
    if (check(fields)) submit(fields, { method: "post", action: `?intent=save` });
  }, [check, submit, fields]);
  return (
    <Page
      title={id === null ? "New post-purchase rule" : values.name}
      subtitle="After a matching order, the customer gets a unique code for their next one."
      backAction={{ content: "Post-purchase codes", url: "/app/campaigns/post-purchase" }}
      primaryAction={gatedAction({ content: "Save rule", loading: busy, onAction: save }, readOnly === null, readOnly)}
    >
      <BlockStack gap="400">
        {readOnly && (
          <Banner tone="info" title="Read only">
            {readOnly}
          </Banner>
        )}
        {Object.keys(errors).length > 0 && (
          <Banner tone="critical" title="The rule wasn't saved">
            {errors.general ?? "Fix the fields marked below."}
          </Banner>
        )}
        <PostPurchaseRuleForm initial={values} choices={choices} currency={currency} errors={errors} disabled={readOnly !== null} onChange={setFields} />
      </BlockStack>
    </Page>
  );
}
