// The queue of pending requests: one card each with what is asked, why it needs approval, the
// overlaps and worst case, and Approve / Reject for whoever may decide.
import { useState } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { Badge, BlockStack, Card, DataTable, InlineStack, Link, List, Text, TextField } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import { ConflictsBanner } from "~/components/campaigns/GovernancePanel";
import { formatDateTime } from "~/lib/format";
import type { approvalsPage } from "~/features/governance/approvals.server";

export type ApprovalsData = SerializeFrom<typeof approvalsPage>;
type Pending = ApprovalsData["pending"][number];

interface Props {
  request: Pending;
  canDecide: boolean;
  decideReason: string | null;
  viewerId: number;
  timeZone: string;
  busy: boolean;
  errors: Record<string, string>;
  onDecide(intent: "approve" | "reject" | "withdraw", requestId: number, fields: Record<string, string>): void;
}

export function PendingRequestCard({ request, canDecide, decideReason, viewerId, timeZone, busy, errors, onDecide }: Props) {
  const [decisionReason, setDecisionReason] = useState("");
  const [overrideReason, setOverrideReason] = useState("");
  const fields = { decisionReason, overrideReason };
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingMd">
            <Link url={`/app/campaigns/${request.campaignId}`}>{request.campaignName}</Link>
          </Text>
          <Badge>{request.kind === "revision" ? "Changes to a published campaign" : "New campaign"}</Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          Requested by {request.requestedBy} on {formatDateTime(request.createdAt, timeZone)}
        </Text>
        {request.requestNote && <Text as="p">Note: “{request.requestNote}”</Text>}
        {request.currentReasons.length > 0 ? (
          <BlockStack gap="100">
            <Text as="p" fontWeight="semibold">
              Why it needs approval
            </Text>
            <List type="bullet">
              {request.currentReasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : (
          <Text as="p">Within your policy; asked by a role that can't publish.</Text>
        )}
        {request.changes.length > 0 && (
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={["Field", "Live now", "Proposed"]}
            rows={request.changes.map((change) => [change.label, change.live, change.proposed])}
          />
        )}
        <ConflictsBanner depth={request.depth} />
        {canDecide && (
          <BlockStack gap="200">
            {request.depth.exceeded && (
              <TextField
                label="Override reason"
                value={overrideReason}
                onChange={setOverrideReason}
                error={errors.overrideReason}
                multiline={2}
                autoComplete="off"
                helpText="Required to approve above the maximum combined discount; recorded in the audit log."
              />
            )}
            <TextField
              label="Reason for rejecting"
              value={decisionReason}
              onChange={setDecisionReason}
              error={errors.decisionReason}
              autoComplete="off"
              helpText="Required to reject; the requester reads it."
            />
          </BlockStack>
        )}
        <InlineStack gap="200">
          <PermissionButton variant="primary" allowed={canDecide} reason={decideReason} loading={busy} onClick={() => onDecide("approve", request.id, fields)}>
            Approve and publish
          </PermissionButton>
          <PermissionButton tone="critical" allowed={canDecide} reason={decideReason} disabled={busy} onClick={() => onDecide("reject", request.id, fields)}>
            Reject
          </PermissionButton>
          {(canDecide || request.requestedById === viewerId) && (
            <PermissionButton allowed reason={null} disabled={busy} onClick={() => onDecide("withdraw", request.id, fields)}>
              Withdraw
            </PermissionButton>
          )}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

const STATUS_TONES: Record<string, "success" | "critical" | undefined> = { approved: "success", rejected: "critical" };
const STATUS_LABELS: Record<string, string> = { approved: "Approved", rejected: "Rejected", withdrawn: "Withdrawn", superseded: "Replaced by a newer version" };

export function DecidedRequests({ history, timeZone }: { history: ApprovalsData["history"]; timeZone: string }) {
  if (history.length === 0)
    return (
      <Text as="p" tone="subdued">
        No decisions yet.
      </Text>
    );
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text", "text"]}
      headings={["Campaign", "Requested by", "Decision", "By", "Reason"]}
      rows={history.map((row) => [
        <Link key="c" url={`/app/campaigns/${row.campaignId}`}>
          {row.campaignName}
        </Link>,
        row.requestedBy ?? "",
        <InlineStack key="s" gap="100">
          <Badge tone={STATUS_TONES[row.status]}>{STATUS_LABELS[row.status] ?? row.status}</Badge>
          <Text as="span" tone="subdued">
            {row.decidedAt ? formatDateTime(row.decidedAt, timeZone) : ""}
          </Text>
        </InlineStack>,
        row.decidedBy ?? "—",
        [row.decisionReason, row.overrideReason ? `Override: ${row.overrideReason}` : null].filter(Boolean).join(" ") || "—",
      ])}
    />
  );
}
