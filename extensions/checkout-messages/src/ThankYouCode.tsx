/** @jsxImportSource preact */
// The thank-you page: the code PromoGuard assigned to the shopper after this order, read from the
// customer metafield $app:promoguard.next-code ({ code, message?, expiresAt? }); nothing without one.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { NEXT_CODE_KEY, NEXT_CODE_NAMESPACE, parseNextCode } from "./next-code";

export default function extension() {
  render(<ThankYouCode />, document.body);
}

function ThankYouCode() {
  const entry = shopify.appMetafields.value.find(
    ({ target, metafield }) => target.type === "customer" && metafield.namespace === NEXT_CODE_NAMESPACE && metafield.key === NEXT_CODE_KEY,
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
