import { useEffect, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { authenticateStaff } from "~/features/access.server";
import { checkCart, draftErrors, draftInput, draftParams, SIMULATOR_PATH, type FieldErrors } from "~/domain/simulator/cart-input";
import { simulatorPageData } from "~/features/simulator/simulator-route.server";
import { CartForm } from "~/components/simulator/CartForm";
import { SimulationResults } from "~/components/simulator/SimulationResults";

// "Test a cart": any staff member may use it; it reads the store and changes nothing. The cart
// travels in the URL (GET), so a test is a link: a campaign page opens it with its code filled in.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const data = await simulatorPageData(await authenticateStaff(request), new URL(request.url));
  return json(data, { status: data.unavailable ? 503 : Object.keys(data.errors).length > 0 ? 400 : 200 });
};

export default function CartSimulatorPage() {
  const loaded = useLoaderData<typeof loader>();
  const [draft, setDraft] = useState(loaded.draft);
  const [errors, setErrors] = useState<FieldErrors>(loaded.errors);
  useEffect(() => {
    setDraft(loaded.draft);
    setErrors(loaded.errors);
  }, [loaded]);
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";

  // The schema the server checks with, first here: mistakes show at once, and a test runs only on a cart that can be.
  const test = () => {
    const checked = checkCart(draftInput(draft));
    if (!checked.ok) return setErrors(draftErrors(draft, checked.errors));
    setErrors({});
    submit(draftParams(draft, true), { method: "get", action: SIMULATOR_PATH });
  };

  return (
    <Page
      title="Test a cart"
      subtitle="Build a cart and see what each PromoGuard discount gives, which codes checkout turns away and why: the same rules and functions checkout runs, on your store's data."
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={{ content: "Test cart", onAction: test, loading: busy }}
    >
      <Layout>
        <Layout.Section variant="oneHalf">
          <CartForm draft={draft} errors={errors} onChange={setDraft} />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <BlockStack gap="400">
            {errors.general && (
              <Banner tone="critical" title="The cart couldn't be tested">
                {errors.general}
              </Banner>
            )}
            {!errors.general && Object.keys(errors).length > 0 && (
              <Banner tone="warning" title="Check the cart">
                Fix the fields marked in red, then test the cart again.
              </Banner>
            )}
            {loaded.simulation ? (
              <SimulationResults simulation={loaded.simulation} />
            ) : (
              <Card>
                <Text as="p" tone="subdued">
                  Add products and codes, then choose Test cart to see what checkout gives this shopper.
                </Text>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
