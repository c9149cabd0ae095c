import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { SectionEmptyState } from "~/components/SectionEmptyState";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function PoolsIndex() {
  return (
    <SectionEmptyState
      copy={{
        title: "Coupon pools",
        heading: "No coupon pools yet",
        body: "Coupon pools group unique codes for one purpose, such as a welcome series or abandoned carts.",
      }}
    />
  );
}
