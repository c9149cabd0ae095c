import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFetcher } from "@remix-run/react";
import { Modal, TextField } from "@shopify/polaris";
import { POOL_NAME_MAX_LENGTH, poolNameFormSchema } from "~/domain/pools/rules";
import { useFormCheck } from "~/components/form-check";

interface RenameResult {
  done?: "rename";
  errors?: Record<string, string>;
}

/** The pool header's edit icon opens this. */
export function RenamePoolModal({ open, onClose, currentName }: { open: boolean; onClose: () => void; currentName: string }) {
  const fetcher = useFetcher<RenameResult>();
  const { errors, check } = useFormCheck(poolNameFormSchema, fetcher.data?.errors);
  const [name, setName] = useState(currentName);
  const handled = useRef<RenameResult | undefined>(undefined);

  useEffect(() => {
    if (fetcher.data?.done !== "rename" || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    onClose();
  }, [fetcher.data, onClose]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    // Checked with the form's schema first (the action reads it with the same one).
    if (check({ name })) fetcher.submit({ name }, { method: "post", action: "?intent=rename" });
  };

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Edit pool name"
      primaryAction={{ content: "Save", onAction: submit, loading: fetcher.state !== "idle" }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <fetcher.Form method="post" action="?intent=rename" onSubmit={submit}>
          <TextField
            label="Pool Name"
            name="name"
            value={name}
            onChange={setName}
            autoComplete="off"
            maxLength={POOL_NAME_MAX_LENGTH}
            showCharacterCount
            error={errors?.name}
            autoFocus
          />
        </fetcher.Form>
      </Modal.Section>
    </Modal>
  );
}
