// Governance on the campaign page: where the campaign is in the approval workflow and why, the
// overlaps with other campaigns and the worst-case combined discount, a pending revision next to
// the live version, and the decisions the viewer may take. Controls the viewer's role cannot use
// are disabled with the reason (PermissionButton).
import type { SerializeFrom } from "@remix-run/node";
import { Banner, BlockStack, Card, DataTable, InlineStack, List, Text, TextField } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import type { CampaignGovernance } from "~/features/campaigns/campaign-governance.server";
import { formatDateTime } from "~/lib/format";

export type GovernanceView = SerializeFrom<() => Promise<CampaignGovernance>>;

export interface WorkflowFields {
  note: string;
  overrideReason: string;
  decisionReason: string;
}

interface Props {
  governance: GovernanceView;
  published: boolean;
  timeZone: string;
  busy: boolean;
  errors: Record<string, string>;
  fields: WorkflowFields;
  onFieldsChange(fields: WorkflowFields): void;
  /** Posts the campaign form with this intent and the workflow fields. */
  onIntent(intent: "submit" | "approve" | "reject" | "withdraw", requestId?: number): void;
}

const STATUS_WORDS: Record<string, string> = {
  pending: "Waiting for approval",
  approved: "Approved",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  superseded: "Replaced by a newer version",
};

function Reasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <List type="bullet">
      {reasons.map((reason) => (
        <List.Item key={reason}>{reason}</List.Item>
      ))}
    </List>
  );
}

export function ConflictsBanner({ depth }: { depth: GovernanceView["depth"] }) {
  if (depth.conflicts.length === 0 && !depth.worstCase) return null;
  return (
    <Banner
      tone={depth.exceeded ? "critical" : "warning"}
      title={depth.exceeded ? "Stacked discounts go deeper than your policy allows" : "Overlaps with other campaigns"}
    >
      <BlockStack gap="200">
        {depth.conflicts.length > 0 && (
          <List type="bullet">
            {depth.conflicts.map((conflict) => (
              <List.Item key={conflict.campaignId}>
                <a href={`/app/campaigns/${conflict.campaignId}`}>{conflict.name}</a> ({conflict.status}): {conflict.reason}
              </List.Item>
            ))}
          </List>
        )}
        {depth.worstCase && (
          <Text as="p">
            Worst case: {depth.worstCase.percent}% off {depth.worstCase.item} when {depth.worstCase.campaigns.map((c) => `${c.name} (${c.value})`).join(" + ")}{" "}
            combine
            {depth.limit !== null ? `; your policy allows at most ${depth.limit}%.` : "."}
          </Text>
        )}
        {depth.exceeded && <Text as="p">{depth.exceeded}</Text>}
      </BlockStack>
    </Banner>
  );
}

export function GovernancePanel({ governance, published, timeZone, busy, errors, fields, onFieldsChange, onIntent }: Props) {
  const { latestRequest: latest, pendingRevision, actions } = governance;
  const pending = latest?.status === "pending" ? latest : null;
  const set = (name: keyof WorkflowFields) => (value: string) => onFieldsChange({ ...fields, [name]: value });
  const overrideField = actions.overrideNeeded && (
    <TextField
      label="Override reason"
      value={fields.overrideReason}
      onChange={set("overrideReason")}
      error={errors.overrideReason}
      multiline={2}
      autoComplete="off"
      helpText="Required to publish above the maximum combined discount; recorded in the audit log."
    />
  );
  const decisionControls = pending && (
    <BlockStack gap="200">
      {actions.approve === null && (
        <>
          {overrideField}
          <TextField
            label="Reason for rejecting"
            value={fields.decisionReason}
            onChange={set("decisionReason")}
            error={errors.decisionReason}
            autoComplete="off"
            helpText="Required to reject; the requester reads it."
          />
        </>
      )}
      <InlineStack gap="200">
        <PermissionButton
          variant="primary"
          allowed={actions.approve === null}
          reason={actions.approve}
          loading={busy}
          onClick={() => onIntent("approve", pending.id)}
        >
          Approve and publish
        </PermissionButton>
        <PermissionButton
          tone="critical"
          allowed={actions.approve === null}
          reason={actions.approve}
          disabled={busy}
          onClick={() => onIntent("reject", pending.id)}
        >
          Reject
        </PermissionButton>
        {actions.withdraw === null && (
          <PermissionButton allowed reason={null} disabled={busy} onClick={() => onIntent("withdraw", pending.id)}>
            Withdraw request
          </PermissionButton>
        )}
      </InlineStack>
    </BlockStack>
  );

  return (
    <BlockStack gap="400">
      {latest?.status === "rejected" && (
        <Banner tone="critical" title={`Rejected by ${latest.decidedBy}`}>
          <BlockStack gap="100">
            <Text as="p">{latest.decisionReason}</Text>
            <Text as="p" tone="subdued">
              Change the campaign and submit it again.
            </Text>
          </BlockStack>
        </Banner>
      )}
      {latest?.status === "approved" && !pending && (
        <Banner tone="success" title={`Approved by ${latest.decidedBy}`}>
          {latest.decidedAt ? `On ${formatDateTime(latest.decidedAt, timeZone)}.` : null}
          {latest.overrideReason ? ` Combined-depth override: ${latest.overrideReason}` : null}
        </Banner>
      )}
      {!pending && governance.needsApproval && actions.publish !== null && (
        <Banner tone="warning" title="Needs approval before it can be published">
          <Reasons reasons={governance.reasons} />
        </Banner>
      )}
      <ConflictsBanner depth={governance.depth} />

      {pendingRevision && pending && (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Pending changes (the live version keeps running until approved)
            </Text>
            <Text as="p" tone="subdued">
              Requested by {pending.requestedBy} on {formatDateTime(pending.createdAt, timeZone)}
              {pending.requestNote ? `: “${pending.requestNote}”` : "."}
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text"]}
              headings={["Field", "Live now", "Proposed"]}
              rows={pendingRevision.changes.map((change) => [change.label, change.live, change.proposed])}
            />
            <Reasons reasons={pending.reasons} />
            {decisionControls}
          </BlockStack>
        </Card>
      )}

      {pending && !pendingRevision && (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Waiting for approval
            </Text>
            <Text as="p">
              Submitted by {pending.requestedBy} on {formatDateTime(pending.createdAt, timeZone)}
              {pending.requestNote ? `: “${pending.requestNote}”` : "."}
            </Text>
            <Reasons reasons={pending.reasons} />
            {decisionControls}
          </BlockStack>
        </Card>
      )}

      {!pending && (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {published ? "Request changes" : "Approval"}
            </Text>
            <Text as="p" tone="subdued">
              {published
                ? "Changes an Approver must see go to the Approvals queue; the live campaign keeps running unchanged until they are approved."
                : latest
                  ? `Last request: ${STATUS_WORDS[latest.status] ?? latest.status}.`
                  : "Submit the campaign to an Approver. Approving it publishes it."}
            </Text>
            <TextField label="Note for the approver" value={fields.note} onChange={set("note")} error={errors.note} multiline={2} autoComplete="off" />
            {overrideField}
            <InlineStack>
              <PermissionButton allowed={actions.submit === null} reason={actions.submit} loading={busy} onClick={() => onIntent("submit")}>
                {published ? "Submit changes for approval" : "Submit for approval"}
              </PermissionButton>
            </InlineStack>
          </BlockStack>
        </Card>
      )}
    </BlockStack>
  );
}
