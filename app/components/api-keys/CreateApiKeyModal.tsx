import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Checkbox, FormLayout, InlineError, Modal, Text, TextField } from "@shopify/polaris";
import { API_KEY_NAME_MAX_LENGTH, API_SCOPE_DESCRIPTIONS, API_SCOPE_LABELS, API_SCOPES, type ApiScope } from "~/domain/api-keys/scopes";

export interface CreatedApiKey {
  id: number;
  name: string;
  secret: string;
}

interface CreateResult {
  created?: CreatedApiKey;
  errors?: Record<string, string>;
}

/** "Create API key": a name that says where the key is used, and what it may do. */
export function CreateApiKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: CreatedApiKey) => void }) {
  const fetcher = useFetcher<CreateResult>();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["assign"]);
  const handled = useRef<CreatedApiKey | undefined>(undefined);
  const created = fetcher.data?.created;
  const errors = fetcher.data?.errors ?? {};

  useEffect(() => {
    if (!created || created === handled.current) return;
    handled.current = created;
    setName("");
    setScopes(["assign"]);
    onCreated(created);
  }, [created, onCreated]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const form = new FormData();
    form.set("name", name);
    for (const scope of scopes) form.append("scopes", scope);
    fetcher.submit(form, { method: "post", action: "?intent=create" });
  };
  const toggle = (scope: ApiScope, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((value) => value !== scope)));

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Create API key"
      primaryAction={{ content: "Create key", onAction: submit, loading: fetcher.state !== "idle" }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <fetcher.Form method="post" onSubmit={submit}>
          <FormLayout>
            <TextField
              label="Name"
              value={name}
              onChange={setName}
              autoComplete="off"
              maxLength={API_KEY_NAME_MAX_LENGTH}
              helpText="Where the key will be used, such as “Klaviyo welcome flow”, so you know which key to revoke later."
              error={errors.name}
              autoFocus
            />
            <BlockStack gap="200">
              <Text as="p" fontWeight="semibold">
                What the key may do
              </Text>
              {API_SCOPES.map((scope) => (
                <Checkbox
                  key={scope}
                  label={API_SCOPE_LABELS[scope]}
                  helpText={API_SCOPE_DESCRIPTIONS[scope]}
                  checked={scopes.includes(scope)}
                  onChange={(on) => toggle(scope, on)}
                />
              ))}
              {errors.scopes && <InlineError message={errors.scopes} fieldID="api-key-scopes" />}
            </BlockStack>
            {errors.general && <InlineError message={errors.general} fieldID="api-key-form" />}
          </FormLayout>
        </fetcher.Form>
      </Modal.Section>
    </Modal>
  );
}
