import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { SectionEmptyState } from "~/components/SectionEmptyState";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function CampaignsIndex() {
  return (
    <SectionEmptyState
      copy={{
        title: "Campaigns",
        heading: "No campaigns yet",
        body: "A campaign is one governed Shopify discount with an owner, a purpose, a channel and an end date.",
      }}
    />
  );
}
