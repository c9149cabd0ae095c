import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { SectionEmptyState } from "~/components/SectionEmptyState";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function Analytics() {
  return (
    <SectionEmptyState
      copy={{
        title: "Analytics",
        heading: "No redemptions yet",
        body: "Influenced revenue, incremental profit and overlap per code and campaign appear once orders use your codes.",
      }}
    />
  );
}
