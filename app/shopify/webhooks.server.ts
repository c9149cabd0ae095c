import prisma from "~/db.server";
import { authenticate } from "~/shopify.server";
import { UNREADABLE_WEBHOOK_JOB } from "./webhook-job";

export type VerifiedWebhook = Awaited<ReturnType<typeof authenticate.webhook>>;

/**
 * authenticate.webhook (a bad signature is still 401), answering the verified webhooks that
 * must not become a 500 — Shopify would retry those for hours — with a Response to return:
 * - a shop PromoGuard does not know (never installed, or its data already deleted): 200, and
 *   nothing is stored for it;
 * - a body that is not JSON: 200, kept as a dead job with the reason, on the shop's jobs page.
 */
export async function receiveWebhook(request: Request): Promise<VerifiedWebhook | Response> {
  const headers = request.headers;
  let webhook: VerifiedWebhook;
  try {
    webhook = await authenticate.webhook(request);
  } catch (error) {
    // The library parses the body only after the signature checked out.
    if (!(error instanceof SyntaxError)) throw error;
    const shop = headers.get("X-Shopify-Shop-Domain") ?? "";
    if (await isKnownShop(shop)) {
      const topic = headers.get("X-Shopify-Topic") ?? "unknown topic";
      const now = new Date();
      await prisma.job.create({
        data: {
          shopDomain: shop,
          type: UNREADABLE_WEBHOOK_JOB,
          status: "dead",
          runAt: now,
          finishedAt: now,
          maxAttempts: 0,
          payload: JSON.stringify({ topic, webhookId: headers.get("X-Shopify-Webhook-Id") }),
          lastError: `Shopify sent a notification (${topic}) whose content is not valid JSON (${error.message}). It was not processed; Shopify will not send it again.`,
        },
      });
    }
    return new Response();
  }
  return (await isKnownShop(webhook.shop)) ? webhook : new Response();
}

async function isKnownShop(domain: string): Promise<boolean> {
  return domain !== "" && (await prisma.shop.count({ where: { domain } })) > 0;
}
