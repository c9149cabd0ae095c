// Making playbooks: saving this store's campaigns, pools and policy as one, and importing the JSON
// file an agency keeps in its own repository (as a new playbook, or a playbook's next version).
import { useState } from "react";
import { BlockStack, Card, Checkbox, DropZone, InlineError, InlineStack, Text, TextField } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import { useAgencyFetcher } from "./use-agency-fetcher";

interface Gate {
  allowed: boolean;
  reason: string | null;
}

const LIST_ACTION = "/app/playbooks?index";

function toggled(list: string[], value: string, on: boolean) {
  return on ? [...list, value] : list.filter((entry) => entry !== value);
}

export function CaptureCard({
  storeName,
  campaigns,
  pools,
  gate,
}: {
  storeName: string;
  campaigns: { id: number; name: string; status: string }[];
  pools: { id: number; name: string }[];
  gate: Gate;
}) {
  // A saved playbook's page opens (the action redirects there).
  const { post, busy, errors } = useAgencyFetcher(LIST_ACTION);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [campaignIds, setCampaignIds] = useState<string[]>([]);
  const [poolIds, setPoolIds] = useState<string[]>([]);
  const [policy, setPolicy] = useState(false);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Save {storeName}'s campaigns as a playbook
        </Text>
        <Text as="p" tone="subdued">
          Amounts, dates, products, collections and codes become variables you can edit before applying the playbook elsewhere.
        </Text>
        <TextField label="Playbook name" value={name} onChange={setName} autoComplete="off" error={errors.name} />
        <TextField label="Description" value={description} onChange={setDescription} autoComplete="off" multiline={2} error={errors.description} />
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Campaigns
          </Text>
          {campaigns.length === 0 && (
            <Text as="p" tone="subdued">
              This store has no campaigns yet.
            </Text>
          )}
          {campaigns.map((campaign) => (
            <Checkbox
              key={campaign.id}
              label={`${campaign.name} (${campaign.status})`}
              checked={campaignIds.includes(String(campaign.id))}
              onChange={(on) => setCampaignIds((list) => toggled(list, String(campaign.id), on))}
            />
          ))}
          {errors.campaigns && <InlineError message={errors.campaigns} fieldID="capture-campaigns" />}
        </BlockStack>
        {pools.length > 0 && (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Pool settings
            </Text>
            {pools.map((pool) => (
              <Checkbox
                key={pool.id}
                label={pool.name}
                checked={poolIds.includes(String(pool.id))}
                onChange={(on) => setPoolIds((list) => toggled(list, String(pool.id), on))}
              />
            ))}
            {errors.pools && <InlineError message={errors.pools} fieldID="capture-pools" />}
          </BlockStack>
        )}
        <Checkbox label="Include this store's discount policy" checked={policy} onChange={setPolicy} />
        <InlineStack>
          <PermissionButton
            variant="primary"
            {...gate}
            loading={busy}
            onClick={() => post("capture", { name, description, campaignIds, poolIds, includePolicy: policy ? "true" : "" })}
          >
            Save playbook
          </PermissionButton>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

/** Import a playbook file: a new playbook (`intent` import) or a playbook's next version (importVersion). */
export function ImportCard({
  action,
  intent,
  title,
  help,
  gate,
}: {
  action: string;
  intent: "import" | "importVersion";
  title: string;
  help: string;
  gate: Gate;
}) {
  // An imported playbook's page opens (the action redirects there); a new version reloads this one.
  const { post, busy, errors } = useAgencyFetcher(action);
  const [file, setFile] = useState<File | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const send = async () => {
    if (!file) return setReadError("Choose the playbook's .json file first.");
    setReadError(null);
    post(intent, { file: await file.text() });
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <Text as="p" tone="subdued">
          {help}
        </Text>
        <DropZone
          label="Playbook file"
          accept="application/json,.json"
          allowMultiple={false}
          onDrop={(_all, accepted) => setFile(accepted[0] ?? null)}
          disabled={!gate.allowed}
        >
          {file ? (
            <Text as="p" alignment="center">
              {file.name}
            </Text>
          ) : (
            <DropZone.FileUpload actionTitle="Choose file" actionHint="or drop the .json file here" />
          )}
        </DropZone>
        {(readError || errors.file || errors.general) && <InlineError message={readError ?? errors.file ?? errors.general} fieldID="playbook-file" />}
        <InlineStack>
          <PermissionButton {...gate} loading={busy} onClick={send}>
            Import
          </PermissionButton>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
