import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import prisma from "~/db.server";
import { recordUninstall } from "~/domain/shops.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  // Shopify may send this more than once, and after the session is already gone: both are fine.
  await recordUninstall(prisma, shop);
  return new Response();
};
