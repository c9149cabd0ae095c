import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { SectionEmptyState } from "~/components/SectionEmptyState";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function Settings() {
  return (
    <SectionEmptyState
      copy={{
        title: "Settings",
        heading: "Settings",
        body: "Roles, discount policy and notifications for this store. Background jobs that failed every attempt can be retried from the jobs page.",
        action: { content: "Background jobs", url: "/app/settings/jobs" },
      }}
    />
  );
}
