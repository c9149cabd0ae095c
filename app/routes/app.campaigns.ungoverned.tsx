import { useCallback, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { gate, PermissionButton } from "~/components/governance";
import { AdoptModal } from "~/components/governance/ungoverned/AdoptModal";
import { DeactivateModal } from "~/components/governance/ungoverned/DeactivateModal";
import { DiscountTable } from "~/components/governance/ungoverned/DiscountTable";
import { RefuseUngovernedCard } from "~/components/governance/ungoverned/RefuseUngovernedCard";
import type { ActionResult, DiscountRow } from "~/components/governance/ungoverned/types";
import { formatDateTime } from "~/lib/format";
import { CHANNELS } from "~/domain/campaigns/campaign-input";
import { publishCatalogue } from "~/domain/campaigns/catalogue.server";
import { adoptDiscount, deactivateDiscount, importExistingDiscounts, isAdopted, setRefuseUngovernedCodes } from "~/domain/campaigns/existing-discounts.server";
import { type StaffContext } from "~/features/access.server";
import { defineActions, failure, intent } from "~/features/intents.server";
import { adoptionFormSchema, deactivationFormSchema, refuseUngovernedFormSchema } from "~/domain/campaigns/adoption-form";
import { ungovernedPage } from "~/features/campaigns/ungoverned-page.server";

// Discounts in the store that PromoGuard did not create: adopt them (an owner, a purpose and a
// channel; Shopify's discount unchanged), deactivate them in Shopify, and the Owner's switch
// that makes the guard refuse every code PromoGuard does not govern. Every role can look.
export const loader = async ({ request }: LoaderFunctionArgs) => json(await ungovernedPage(request));

export const action = defineActions(
  {
    import: intent({
      permission: "campaign.publish",
      run: async ({ context }) => {
        await importExistingDiscounts(prisma, context.admin, context.session.shop, new Date(), context.staff);
        return json<ActionResult>({ ok: true, done: "import" });
      },
    }),
    refuse: intent({
      permission: "policy.manage",
      schema: refuseUngovernedFormSchema,
      run: async ({ context, input }) => {
        const outcome = await setRefuseUngovernedCodes(prisma, context.admin, context.session.shop, context.staff, input.refuse!);
        return outcome.ok ? json<ActionResult>({ ok: true, done: "refuse" }) : failure(502, outcome.errors);
      },
    }),
    adopt: intent({
      permission: "ungoverned.manage",
      schema: adoptionFormSchema,
      run: async ({ context, input }) => {
        const { id, ...fields } = input;
        const adopted = await adoptDiscount(prisma, context.session.shop, context.staff, id, {
          ownerStaffId: fields.ownerStaffId!,
          purpose: fields.purpose!,
          channel: fields.channel!,
        });
        return afterAdoptOrDeactivate(context, "adopt", adopted);
      },
    }),
    deactivate: intent({
      permission: "ungoverned.manage",
      schema: deactivationFormSchema,
      run: async ({ context, input }) =>
        afterAdoptOrDeactivate(context, "deactivate", await deactivateDiscount(prisma, context.admin, context.session.shop, context.staff, input.id)),
    }),
  },
  { default: "import" },
);

async function afterAdoptOrDeactivate(context: StaffContext, done: "adopt" | "deactivate", discount: Awaited<ReturnType<typeof adoptDiscount>>) {
  // Adopted codes are listed in the guard's catalogue (and dropped when they end).
  const catalogueErrors = isAdopted(discount) ? await publishCatalogue(prisma, context.admin, context.session.shop) : [];
  return json<ActionResult>({
    ok: true,
    done,
    warning:
      catalogueErrors.length > 0 ? `Saved, but the stacking guard could not be updated: ${catalogueErrors.map((error) => error.message).join(" ")}` : undefined,
  });
}

export default function UngovernedDiscounts() {
  const { viewer, ungoverned, adopted, importedAt, staff, refuse, timeZone } = useLoaderData<typeof loader>();
  const importer = useFetcher<ActionResult>();
  const [adopting, setAdopting] = useState<DiscountRow | null>(null);
  const [deactivating, setDeactivating] = useState<DiscountRow | null>(null);
  const closeAdopt = useCallback(() => setAdopting(null), []);
  const closeDeactivate = useCallback(() => setDeactivating(null), []);
  const manage = gate(viewer, "ungoverned.manage");
  const channelLabel = (value: string | null) => CHANNELS.find((channel) => channel.value === value)?.label ?? value ?? "—";
  const importButton = (label: string) => (
    <PermissionButton
      {...gate(viewer, "campaign.publish")}
      loading={importer.state !== "idle"}
      onClick={() => importer.submit({}, { method: "post", action: "?intent=import" })}
    >
      {label}
    </PermissionButton>
  );
  return (
    <Page
      title="Not governed by PromoGuard"
      subtitle={importedAt ? `Discounts found in your store, imported ${formatDateTime(importedAt, timeZone)}.` : "Discounts found in your store."}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
    >
      <Layout>
        <Layout.Section>
          <RefuseUngovernedCard summary={refuse} {...gate(viewer, "policy.manage")} />
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Not governed
            </Text>
            <Card padding={ungoverned.length === 0 ? undefined : "0"}>
              {ungoverned.length === 0 ? (
                <EmptyState heading="No other discounts found" image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
                  <p>Every discount in your store is a PromoGuard campaign or adopted, or none has been imported yet.</p>
                  {importButton("Import discounts from Shopify")}
                </EmptyState>
              ) : (
                <DiscountTable
                  discounts={ungoverned}
                  adopted={false}
                  timeZone={timeZone}
                  manage={manage}
                  channelLabel={channelLabel}
                  onAdopt={setAdopting}
                  onDeactivate={setDeactivating}
                />
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        {adopted.length > 0 && (
          <Layout.Section>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Adopted
              </Text>
              <Text as="p" tone="subdued">
                Discounts made outside PromoGuard that now have an owner, a purpose and a channel. Shopify keeps them as they are.
              </Text>
              <Card padding="0">
                <DiscountTable
                  discounts={adopted}
                  adopted
                  timeZone={timeZone}
                  manage={manage}
                  channelLabel={channelLabel}
                  onAdopt={setAdopting}
                  onDeactivate={setDeactivating}
                />
              </Card>
            </BlockStack>
          </Layout.Section>
        )}
        {(ungoverned.length > 0 || adopted.length > 0) && <Layout.Section>{importButton("Import again")}</Layout.Section>}
        {importer.data?.errors?.general && (
          <Layout.Section>
            <Banner tone="critical">{importer.data.errors.general}</Banner>
          </Layout.Section>
        )}
      </Layout>
      {adopting && <AdoptModal discount={adopting} staff={staff} channels={CHANNELS} onClose={closeAdopt} />}
      {deactivating && <DeactivateModal discount={deactivating} onClose={closeDeactivate} />}
    </Page>
  );
}
