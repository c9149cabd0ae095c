import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Box, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { authenticate } from "~/shopify.server";
import { importExistingDiscounts, listExistingDiscounts } from "~/domain/campaigns/existing-discounts.server";
import { shopTimeZone } from "~/components/campaigns/campaign-route.server";
import { shopDate } from "~/components/campaigns/format";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const discounts = await listExistingDiscounts(prisma, session.shop);
  return json({
    discounts: discounts.map((discount) => ({ ...discount, codes: JSON.parse(discount.codes) as string[] })),
    importedAt: discounts[0]?.importedAt ?? null,
    timeZone: await shopTimeZone(session.shop),
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  return json({ imported: await importExistingDiscounts(prisma, admin, session.shop) });
};

const STATUS_TONE: Record<string, "success" | "info" | undefined> = { ACTIVE: "success", SCHEDULED: "info" };

function typeLabel(discount: { method: string; discountType: string; appTitle: string | null }): string {
  const method = discount.method === "CODE" ? "Code" : "Automatic";
  if (discount.appTitle) return `${method} · app: ${discount.appTitle}`;
  return `${method} · ${discount.discountType.replace(/^Discount(Code|Automatic)/, "").replace("Bxgy", "Buy X get Y").replace("FreeShipping", "Free shipping")}`;
}

export default function UngovernedDiscounts() {
  const { discounts, importedAt, timeZone } = useLoaderData<typeof loader>();
  const importing = useNavigation().state === "submitting";
  return (
    <Page
      title="Not governed by PromoGuard"
      subtitle={importedAt ? `Discounts found in your store, imported ${shopDate(importedAt, timeZone)}. Read-only.` : "Discounts found in your store. Read-only."}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
    >
      <Form method="post">
        <Card padding={discounts.length === 0 ? undefined : "0"}>
          {discounts.length === 0 ? (
            <EmptyState heading="No other discounts found" image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
              <p>Every discount in your store is a PromoGuard campaign, or none has been imported yet.</p>
              <Button submit loading={importing}>Import discounts from Shopify</Button>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "discount", plural: "discounts" }}
              itemCount={discounts.length}
              selectable={false}
              headings={[{ title: "Discount" }, { title: "Type" }, { title: "Status" }, { title: "Codes" }, { title: "Starts" }, { title: "Ends" }, { title: "Used", alignment: "end" }]}
            >
              {discounts.map((discount, index) => (
                <IndexTable.Row id={String(discount.id)} key={discount.id} position={index}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">{discount.title}</Text>
                    {discount.summary && <Text as="p" tone="subdued" variant="bodySm">{discount.summary}</Text>}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{typeLabel(discount)}</IndexTable.Cell>
                  <IndexTable.Cell><Badge tone={STATUS_TONE[discount.status]}>{discount.status.toLowerCase()}</Badge></IndexTable.Cell>
                  <IndexTable.Cell>
                    {discount.method === "AUTOMATIC" ? "—" : `${discount.codes.join(", ")}${discount.codesCount > discount.codes.length ? ` and ${(discount.codesCount - discount.codes.length).toLocaleString("en-US")} more` : ""}`}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shopDate(discount.startsAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>{shopDate(discount.endsAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>{discount.usageLimit ? `${discount.usageCount} of ${discount.usageLimit}` : discount.usageCount}</Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        {discounts.length > 0 && (
          <Box paddingBlockStart="400">
            <Button submit loading={importing}>Import again</Button>
          </Box>
        )}
      </Form>
    </Page>
  );
}
