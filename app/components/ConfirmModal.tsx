import { Modal, Text } from "@shopify/polaris";

export interface Confirmation {
  title: string;
  /** What happens, in the merchant's words. */
  body: string;
  action: string;
  destructive?: boolean;
}

/** Asks before a step that takes a discount away from shoppers (pause, archive, deactivate). */
export function ConfirmModal({
  confirmation,
  onConfirm,
  onClose,
  busy = false,
}: {
  confirmation: Confirmation | null;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
}) {
  return (
    <Modal
      open={confirmation !== null}
      onClose={onClose}
      title={confirmation?.title ?? ""}
      primaryAction={confirmation ? { content: confirmation.action, destructive: confirmation.destructive, loading: busy, onAction: onConfirm } : undefined}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <Text as="p">{confirmation?.body}</Text>
      </Modal.Section>
    </Modal>
  );
}
