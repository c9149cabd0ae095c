import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFetcher } from "@remix-run/react";
import { FormLayout, Modal, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { POOL_NAME_MAX_LENGTH, poolNameFormSchema } from "~/domain/pools/rules";
import { useFormCheck } from "~/components/form-check";

interface CreatePoolResult {
  created?: { id: number; name: string };
  errors?: Record<string, string>;
}

const CREATE_URL = "/app/pools?index";

/** "Create Coupon Pool": the pool's name; Cancel closes without saving. */
export function CreatePoolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const fetcher = useFetcher<CreatePoolResult>();
  const { errors, check } = useFormCheck(poolNameFormSchema, fetcher.data?.errors);
  const shopify = useAppBridge();
  const [name, setName] = useState("");
  const handled = useRef<CreatePoolResult["created"]>(undefined);
  const created = fetcher.data?.created;

  useEffect(() => {
    if (!created || created === handled.current) return;
    handled.current = created;
    shopify.toast.show(`Pool “${created.name}” created`);
    setName("");
    onClose();
  }, [created, onClose, shopify]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    // Checked with the form's schema first (the action reads it with the same one).
    if (check({ name })) fetcher.submit({ name }, { method: "post", action: CREATE_URL });
  };

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Create Coupon Pool"
      primaryAction={{ content: "Create Pool", onAction: submit, loading: fetcher.state !== "idle" }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <fetcher.Form method="post" action={CREATE_URL} onSubmit={submit}>
          <FormLayout>
            <Text as="p">Enter a name for your new coupon pool</Text>
            <TextField
              label="Pool Name"
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              maxLength={POOL_NAME_MAX_LENGTH}
              showCharacterCount
              helpText="A clear name for the campaign or audience, such as “Welcome series” or “VIP customers”."
              error={errors?.name}
              autoFocus
            />
          </FormLayout>
        </fetcher.Form>
      </Modal.Section>
    </Modal>
  );
}
