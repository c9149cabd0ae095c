// The code PromoGuard assigned to a customer after an order, as the app writes it to the customer
// metafield $app:promoguard.next-code (app/domain/automation/code-delivery.server.ts) and the
// thank-you block reads it (ThankYouCode.tsx): one definition for both sides.

export const NEXT_CODE_NAMESPACE = "$app:promoguard";
export const NEXT_CODE_KEY = "next-code";

export interface NextCode {
  code: string;
  /** What the code gives, in the merchant's words. */
  message?: string;
  /** When it stops working for this customer (ISO 8601). */
  expiresAt?: string;
}

/** The metafield's value read defensively: null unless it holds a code. */
export function parseNextCode(value: string | undefined): NextCode | null {
  try {
    const parsed: unknown = value === undefined ? null : JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && typeof (parsed as NextCode).code === "string" ? (parsed as NextCode) : null;
  } catch {
    return null;
  }
}
