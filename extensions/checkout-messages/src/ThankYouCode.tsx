/** @jsxImportSource preact */
// The thank-you page: the code PromoGuard assigned to the shopper after this order, read from the
// customer metafield $app:promoguard.next-code ({ code, message?, expiresAt? }); nothing without one.
import "@shopify/ui-extensions/preact";
import { render } from "preact";

export default function extension() {
  render(<ThankYouCode />, document.body);
}

interface NextCode {
  code: string;
  message?: string;
  expiresAt?: string;
}

function parseNextCode(value: string | undefined): NextCode | null {
  try {
    const parsed: unknown = value === undefined ? null : JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && typeof (parsed as NextCode).code === "string" ? (parsed as NextCode) : null;
  } catch {
    return null;
  }
}

function ThankYouCode() {
  const entry = shopify.appMetafields.value.find(
    ({ target, metafield }) => target.type === "customer" && metafield.namespace === "$app:promoguard" && metafield.key === "next-code",
  );
  const next = parseNextCode(entry?.metafield.value);
  if (!next) return null;
  const expires = next.expiresAt ? shopify.i18n.formatDate(new Date(next.expiresAt), { dateStyle: "long" }) : null;
  return (
    <s-banner heading="A code for your next order" tone="success">
      <s-stack gap="small-200">
        <s-text type="strong">{next.code}</s-text>
        {next.message ? <s-text>{next.message}</s-text> : null}
        {expires ? <s-text color="subdued">Valid until {expires}</s-text> : null}
      </s-stack>
    </s-banner>
  );
}
