import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhooks.server";
import prisma from "~/db.server";
import { recordScopesUpdate } from "~/domain/shops.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request);
  if (webhook instanceof Response) return webhook;
  const { payload, session } = webhook;
  if (session) {
    await recordScopesUpdate(prisma, session.id, (payload.current as string[]) ?? []);
  }
  return new Response();
};
