// The discount policy: what a Manager may publish without approval, what every campaign must
// carry, and how deep stacked campaigns may go. Everyone reads it; only the Owner changes it.
import { useEffect, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, Checkbox, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import prisma from "~/db.server";
import { gatedAction } from "~/components/governance";
import { useFormCheck } from "~/components/form-check";
import { policyFormSchema } from "~/domain/governance/policy-form";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { defineActions, intent } from "~/features/intents.server";
import { emailStatus } from "~/domain/governance/mail.server";
import { getPolicy, policyFormValues, policyFromForm, updatePolicy } from "~/domain/governance/policy.server";
import { whyNot } from "~/domain/governance/roles";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  const policy = await getPolicy(prisma, context.session.shop);
  return json({ values: policyFormValues(policy), viewer: viewerOf(context), readOnly: whyNot(context.staff.role, "policy.manage"), email: emailStatus() });
};

export const action = defineActions({
  save: intent({
    permission: "policy.manage",
    schema: policyFormSchema,
    run: async ({ context, input }) => {
      const shopDomain = context.session.shop;
      await updatePolicy(prisma, shopDomain, context.staff, policyFromForm(input, await getPolicy(prisma, shopDomain)));
      return json({ ok: true as const, errors: {} as Record<string, string> });
    },
  }),
});

const LIMITS = [
  {
    name: "maxPercentWithoutApproval",
    label: "Largest percentage off without approval",
    suffix: "%",
    help: "Deeper discounts need an Approver. Empty: no limit.",
  },
  {
    name: "maxAmountWithoutApproval",
    label: "Largest fixed amount off without approval",
    suffix: undefined,
    help: 'In the shop currency, e.g. "20.00". Empty: no limit.',
  },
  { name: "maxDurationDays", label: "Longest campaign without approval", suffix: "days", help: "From start to end. Empty: no limit." },
  {
    name: "maxCombinedDepthPercent",
    label: "Deepest combined discount on one item",
    suffix: "%",
    help: "When campaigns stack. Above it, only an Approver can publish, with a written reason. Empty: no limit.",
  },
] as const;

const APPROVAL_RULES = [
  { name: "requireEndDate", label: "Campaigns without an end date need approval" },
  { name: "freeShippingNeedsApproval", label: "Free shipping needs approval" },
  { name: "unlimitedUseNeedsApproval", label: "Campaigns without a total usage limit need approval" },
  { name: "ungatedNeedsApproval", label: "Shared codes any customer can use (no customer condition) need approval" },
] as const;

const REQUIRED = [
  { name: "requireOwner", label: "Every campaign has an owner (a staff member)" },
  { name: "requirePurpose", label: "Every campaign states its purpose" },
  { name: "requireChannel", label: "Every campaign names its channel" },
] as const;

const NO_ERRORS: Record<string, string> = {};

export default function PolicySettings() {
  const { values: loaded, readOnly, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [values, setValues] = useState<Record<string, string>>(loaded);
  useEffect(() => setValues(loaded), [loaded]);
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.ok) shopify.toast.show("Policy saved");
  }, [result, shopify]);
  // Checked with the form's schema before posting (the action reads it with the same one).
  const { errors = NO_ERRORS, check: checkForm } = useFormCheck(policyFormSchema, result && !result.ok ? result.errors : undefined);
  const disabled = readOnly !== null;
  const set = (name: string) => (value: string) => setValues({ ...values, [name]: value });
  const check = ({ name, label }: { name: string; label: string }) => (
    <Checkbox
      key={name}
      label={label}
      checked={values[name] === "true"}
      disabled={disabled}
      onChange={(on) => setValues({ ...values, [name]: on ? "true" : "" })}
    />
  );

  return (
    <Page
      title="Discount policy"
      backAction={{ content: "Settings", url: "/app/settings" }}
      primaryAction={gatedAction(
        { content: "Save policy", loading: busy, onAction: () => checkForm(values) && submit(values, { method: "post" }) },
        !disabled,
        readOnly,
      )}
    >
      <BlockStack gap="400">
        {readOnly && (
          <Banner tone="info" title="Read only">
            {readOnly}
          </Banner>
        )}
        {Object.keys(errors).length > 0 && (
          <Banner tone="critical" title="The policy wasn't saved">
            Fix the fields marked below.
          </Banner>
        )}
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              What a Manager may publish without approval
            </Text>
            {LIMITS.map((limit) => (
              <TextField
                key={limit.name}
                label={limit.label}
                value={values[limit.name] ?? ""}
                onChange={set(limit.name)}
                suffix={limit.suffix}
                helpText={limit.help}
                error={errors[limit.name]}
                disabled={disabled}
                autoComplete="off"
              />
            ))}
            {APPROVAL_RULES.map(check)}
          </FormLayout>
        </Card>
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              Required on every campaign
            </Text>
            {REQUIRED.map(check)}
          </FormLayout>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Who decides
            </Text>
            <Text as="p">
              Requesters draft and submit. Managers publish what is within this policy. Approvers and the Owner approve or reject requests, and publish
              anything; above the deepest combined discount they must write why.
            </Text>
            <Text as="p" tone="subdued">
              {email.description}
            </Text>
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
