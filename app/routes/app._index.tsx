import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { SectionEmptyState } from "~/components/SectionEmptyState";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function Dashboard() {
  return (
    <SectionEmptyState
      copy={{
        title: "Dashboard",
        heading: "Welcome to PromoGuard",
        body: "Your governed discount codes, pool alerts and the revenue your codes really earn will appear here.",
      }}
    />
  );
}
