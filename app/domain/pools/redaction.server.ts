import { createHmac } from "node:crypto";

/**
 * What replaces a customer's email after customers/redact: a keyed hash. Without the app's
 * secret it cannot be reversed, not even by hashing guessed addresses; with it, the same customer
 * still maps to the same value, so assignment counts per customer stay right.
 */
export function redactedEmail(shopDomain: string, email: string): string {
  const digest = createHmac("sha256", process.env.SHOPIFY_API_SECRET ?? "")
    .update(`${shopDomain}\n${email.trim().toLowerCase()}`)
    .digest("hex");
  return `redacted:${digest.slice(0, 32)}`;
}
