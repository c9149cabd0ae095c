import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import prisma from "~/db.server";
import { recordScopesUpdate } from "~/domain/shops.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await authenticate.webhook(request);
  if (session) {
    await recordScopesUpdate(prisma, session.id, (payload.current as string[]) ?? []);
  }
  return new Response();
};
