// "Adopt into PromoGuard": who is accountable for the discount, what it is for and where it is
// used. The Shopify discount itself stays exactly as it is.
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, FormLayout, Modal, Select, Text, TextField } from "@shopify/polaris";
import { adoptionFieldsSchema } from "~/domain/campaigns/adoption-form";
import { useFormCheck } from "~/components/form-check";
import type { ActionResult, DiscountRow } from "./types";

export function AdoptModal({
  discount,
  staff,
  channels,
  onClose,
}: {
  discount: DiscountRow;
  staff: { id: number; name: string }[];
  channels: readonly { value: string; label: string }[];
  onClose: () => void;
}) {
  const fetcher = useFetcher<ActionResult>();
  const [ownerStaffId, setOwner] = useState("");
  const [purpose, setPurpose] = useState("");
  const [channel, setChannel] = useState("");
  // Checked with the form's schema before posting (the action reads it with the same one).
  const { errors = {}, check } = useFormCheck(adoptionFieldsSchema, fetcher.data?.errors);
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.done === "adopt") onClose();
  }, [fetcher.state, fetcher.data, onClose]);

  const submit = () => {
    if (check({ ownerStaffId, purpose, channel }))
      fetcher.submit({ id: String(discount.id), ownerStaffId, purpose, channel }, { method: "post", action: "?intent=adopt" });
  };

  return (
    <Modal
      open
      onClose={onClose}
      title={`Adopt “${discount.title}” into PromoGuard`}
      primaryAction={{ content: "Adopt", onAction: submit, loading: busy }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <FormLayout>
          <Text as="p" tone="subdued">
            PromoGuard records an owner, a purpose and a channel for this discount and stops flagging it. The discount in Shopify stays exactly as it is.
          </Text>
          {errors.general && <Banner tone="critical">{errors.general}</Banner>}
          <Select
            label="Owner"
            options={[{ label: "Choose a staff member", value: "" }, ...staff.map((member) => ({ label: member.name, value: String(member.id) }))]}
            value={ownerStaffId}
            onChange={setOwner}
            error={errors.ownerStaffId}
          />
          <TextField
            label="Purpose"
            value={purpose}
            onChange={setPurpose}
            autoComplete="off"
            multiline={2}
            error={errors.purpose}
            helpText="What the discount is for, e.g. “Newsletter welcome offer”."
          />
          <Select
            label="Channel"
            options={[{ label: "Choose a channel", value: "" }, ...channels]}
            value={channel}
            onChange={setChannel}
            error={errors.channel}
          />
        </FormLayout>
      </Modal.Section>
    </Modal>
  );
}
