// Confirms switching a discount off in Shopify: it ends now, for every shopper.
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, Modal, Text } from "@shopify/polaris";
import type { ActionResult, DiscountRow } from "./types";

export function DeactivateModal({ discount, onClose }: { discount: DiscountRow; onClose: () => void }) {
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.done === "deactivate") onClose();
  }, [fetcher.state, fetcher.data, onClose]);
  return (
    <Modal
      open
      onClose={onClose}
      title={`Deactivate “${discount.title}” in Shopify?`}
      primaryAction={{
        content: "Deactivate",
        destructive: true,
        loading: busy,
        onAction: () => fetcher.submit({ id: String(discount.id) }, { method: "post", action: "?intent=deactivate" }),
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        {fetcher.data?.errors?.general && <Banner tone="critical">{fetcher.data.errors.general}</Banner>}
        <Text as="p">
          Shopify ends the discount now: {discount.method === "CODE" ? "its codes stop working at checkout" : "it stops applying automatically"}. Its history
          and usage stay in Shopify, and you can reactivate it there.
        </Text>
      </Modal.Section>
    </Modal>
  );
}
