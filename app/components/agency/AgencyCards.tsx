// The agency itself on the Playbooks page: creating one, and its members (Shopify users, added from
// the staff of the store the admin is working in, so PromoGuard knows who they are in every store).
import { useState } from "react";
import { Badge, BlockStack, Button, Card, Checkbox, InlineError, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import { useAgencyFetcher } from "./use-agency-fetcher";

const LIST_ACTION = "/app/playbooks?index";

interface Gate {
  allowed: boolean;
  reason: string | null;
}

export function CreateAgencyCard({ gate }: { gate: Gate }) {
  const [name, setName] = useState("");
  const { post, busy, errors } = useAgencyFetcher(LIST_ACTION);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Work across client stores
        </Text>
        <Text as="p">
          An agency keeps playbooks — campaigns, a discount policy and pool settings saved from one store — and applies them to the other stores its people work
          in. Each store still approves what arrives.
        </Text>
        <TextField label="Your agency's name" value={name} onChange={setName} autoComplete="organization" error={errors.agencyName} />
        <InlineStack>
          <PermissionButton variant="primary" {...gate} loading={busy} onClick={() => post("createAgency", { agencyName: name })}>
            Create agency
          </PermissionButton>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

interface Member {
  id: number;
  name: string;
  email: string;
  admin: boolean;
}

export function MembersCard({
  agencyName,
  admin,
  members,
  candidates,
  gate,
}: {
  agencyName: string;
  admin: boolean;
  members: Member[];
  candidates: { id: number; name: string; email: string }[];
  gate: Gate;
}) {
  const [staffId, setStaffId] = useState("");
  const [asAdmin, setAsAdmin] = useState(false);
  const adding = useAgencyFetcher(LIST_ACTION, () => setStaffId(""));
  const removing = useAgencyFetcher(LIST_ACTION);
  const allowed = gate.allowed && admin;
  const reason = gate.reason ?? (admin ? null : "Only your agency's admins can add or remove members.");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {agencyName}
        </Text>
        <BlockStack gap="200">
          {members.map((member) => (
            <InlineStack key={member.id} align="space-between" blockAlign="center" gap="200">
              <BlockStack gap="0">
                <InlineStack gap="100">
                  <Text as="span" fontWeight="semibold">
                    {member.name}
                  </Text>
                  {member.admin && <Badge>Admin</Badge>}
                </InlineStack>
                <Text as="span" tone="subdued" variant="bodySm">
                  {member.email}
                </Text>
              </BlockStack>
              {allowed && (
                <Button
                  size="slim"
                  variant="plain"
                  tone="critical"
                  accessibilityLabel={`Remove ${member.name}`}
                  onClick={() => removing.post("removeMember", { memberId: String(member.id) })}
                >
                  Remove
                </Button>
              )}
            </InlineStack>
          ))}
          {removing.errors.member && <InlineError message={removing.errors.member} fieldID="remove-member" />}
        </BlockStack>
        <Select
          label="Add someone from this store's staff"
          options={[
            { label: candidates.length ? "Choose a staff member" : "Everyone here already belongs to an agency", value: "" },
            ...candidates.map((candidate) => ({ label: `${candidate.name} (${candidate.email || "no email"})`, value: String(candidate.id) })),
          ]}
          value={staffId}
          onChange={setStaffId}
          disabled={!allowed || candidates.length === 0}
          error={adding.errors.member}
        />
        <Checkbox label="Admin (adds and removes members)" checked={asAdmin} onChange={setAsAdmin} disabled={!allowed} />
        <InlineStack>
          <PermissionButton
            allowed={allowed}
            reason={reason}
            disabled={!staffId}
            loading={adding.busy}
            onClick={() => adding.post("addMember", { staffId, admin: asAdmin ? "true" : "" })}
          >
            Add member
          </PermissionButton>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
