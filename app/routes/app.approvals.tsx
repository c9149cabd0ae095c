import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { SectionEmptyState } from "~/components/SectionEmptyState";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function Approvals() {
  return (
    <SectionEmptyState
      copy={{
        title: "Approvals",
        heading: "Nothing waiting for approval",
        body: "Campaign requests that exceed your store's discount policy wait here for an approver.",
      }}
    />
  );
}
