/** The dead job that keeps a notification from Shopify PromoGuard could not read (jobs page). */
export const UNREADABLE_WEBHOOK_JOB = "webhook.unreadable";
