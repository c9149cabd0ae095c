import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";

// Orders are verified and acknowledged here; recording redemptions from them is the
// Redemptions feature's job (issue 7), which replaces this body with store-then-process.
export const action = async ({ request }: ActionFunctionArgs) => {
  await authenticate.webhook(request);
  return new Response();
};
