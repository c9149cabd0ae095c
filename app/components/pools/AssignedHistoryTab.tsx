import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, DataTable, InlineError, InlineStack, Text, TextField } from "@shopify/polaris";
import { ExportIcon, RefreshIcon } from "@shopify/polaris-icons";
import { useAppBridge } from "@shopify/app-bridge-react";
import { formatDateTime } from "~/lib/format";
import { assignmentSourceLabel } from "~/domain/pools/sources";
import { assignmentFormSchema } from "~/domain/pools/rules";
import { useFormCheck } from "~/components/form-check";
import { CursorPagination, SearchForm } from "./ListControls";
import type { AssignmentData, PageData } from "./types";
import type { CouponUsage } from "~/domain/redemptions/summary.server";
import { CouponUsageBadge } from "~/components/redemptions/CouponUsageBadge";
import { gate, PermissionButton, type ViewerPermissions } from "~/components/governance";
import { useCsvDownload } from "~/components/use-csv-download";

type Gate = { allowed: boolean; reason: string | null };

interface Props {
  poolId: number;
  page: PageData<AssignmentData>;
  usage: Record<number, CouponUsage>;
  search: string;
  timeZone: string;
  viewer: ViewerPermissions;
}

/** Assigned History: coupons already handed out; assign one by hand, search, refresh, export. */
export function AssignedHistoryTab({ poolId, page, usage, search, timeZone, viewer }: Props) {
  const revalidator = useRevalidator();
  const assign = gate(viewer, "pool.assign");
  const manage = gate(viewer, "pool.manage");
  return (
    <Box padding="400">
      <BlockStack gap="400">
        <ManualAssignmentForm poolId={poolId} permission={assign} />
        <InlineStack gap="200" align="space-between" blockAlign="start">
          <Box minWidth="60%">
            <SearchForm tab="history" search={search} label="Search assigned coupons" placeholder="Email or code starts with…" />
          </Box>
          <InlineStack gap="200">
            <Button icon={RefreshIcon} onClick={() => revalidator.revalidate()} loading={revalidator.state !== "idle"}>
              Refresh
            </Button>
            <ExportButton poolId={poolId} permission={manage} />
          </InlineStack>
        </InlineStack>
        <Text as="p" tone="subdued">
          All coupons listed here have already been assigned and are no longer available for distribution, newest first.
        </Text>
        {page.items.length === 0 ? (
          <Text as="p">{search ? `No assignment matches “${search}”.` : "No coupon has been assigned yet."}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={["Code / Source", "Email", "Assigned At / Valid Until", "Used", ""]}
            rows={page.items.map((assignment) => [
              <span className="pg-cell-wrap" key="code">
                <Text as="span" fontWeight="semibold">
                  {assignment.code}
                </Text>
                <br />
                <Badge>{assignmentSourceLabel(assignment.source)}</Badge>
              </span>,
              <span className="pg-cell-wrap" key="email">
                {assignment.email}
              </span>,
              <BlockStack key="dates" gap="050">
                <Text as="span">{formatDateTime(assignment.assignedAt, timeZone)}</Text>
                <Text as="span" tone="subdued">
                  {assignment.expiresAt ? `Valid until ${formatDateTime(assignment.expiresAt, timeZone)}` : "No time limit"}
                </Text>
              </BlockStack>,
              <CouponUsageBadge key="usage" usage={usage[assignment.couponId]} timeZone={timeZone} />,
              <RevokeButton key="revoke" poolId={poolId} assignment={assignment} permission={assign} />,
            ])}
          />
        )}
        <CursorPagination page={page} />
      </BlockStack>
    </Box>
  );
}

interface AssignResult {
  assignment?: { code: string; email: string };
  errors?: Record<string, string>;
}

function ManualAssignmentForm({ poolId, permission }: { poolId: number; permission: Gate }) {
  const fetcher = useFetcher<AssignResult>();
  const shopify = useAppBridge();
  const [email, setEmail] = useState("");
  const handled = useRef<AssignResult | undefined>(undefined);
  // Checked with the form's schema before posting (the action reads it with the same one).
  const { errors, check } = useFormCheck(assignmentFormSchema, fetcher.data?.errors);

  useEffect(() => {
    const assignment = fetcher.data?.assignment;
    if (!assignment || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    shopify.toast.show(`${assignment.code} assigned to ${assignment.email}`);
    setEmail("");
  }, [fetcher.data, shopify]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check({ email })) fetcher.submit({ email }, { method: "post", action: `/app/pools/${poolId}/assignments?intent=assign` });
  };

  return (
    <fetcher.Form method="post" action={`/app/pools/${poolId}/assignments?intent=assign`} onSubmit={submit}>
      <BlockStack gap="100">
        <TextField
          label="Assign a coupon to an email"
          type="email"
          name="email"
          value={email}
          onChange={setEmail}
          autoComplete="off"
          placeholder="customer@example.com"
          helpText={permission.reason ?? "Hands the next available coupon to this customer (source: manual)."}
          error={errors?.email}
          disabled={!permission.allowed}
          connectedRight={
            <PermissionButton {...permission} submit variant="primary" loading={fetcher.state !== "idle"}>
              Assign
            </PermissionButton>
          }
        />
        {errors?.general && <InlineError message={errors.general} fieldID="assign-form" />}
      </BlockStack>
    </fetcher.Form>
  );
}

/** Takes the assignment back; a revoked one shows as such (its time is in the export). */
function RevokeButton({ poolId, assignment, permission }: { poolId: number; assignment: AssignmentData; permission: Gate }) {
  const fetcher = useFetcher<{ errors?: Record<string, string> }>();
  if (assignment.revokedAt) return <Badge tone="attention">Revoked</Badge>;
  const error = fetcher.data?.errors?.general;
  return (
    <BlockStack gap="100">
      <PermissionButton
        {...permission}
        variant="plain"
        tone="critical"
        loading={fetcher.state !== "idle"}
        onClick={() => fetcher.submit({ assignmentId: String(assignment.id) }, { method: "post", action: `/app/pools/${poolId}/assignments?intent=revoke` })}
      >
        Revoke
      </PermissionButton>
      {error && <InlineError message={error} fieldID={`revoke-${assignment.id}`} />}
    </BlockStack>
  );
}

/**
 * Export CSV: the file comes through fetch (which carries the admin's session token) and is
 * handed to the browser as a download.
 */
function ExportButton({ poolId, permission }: { poolId: number; permission: Gate }) {
  const { download, busy, error } = useCsvDownload(`/app/pools/${poolId}/export`, "assigned-coupons.csv");
  return (
    <BlockStack gap="100">
      <PermissionButton {...permission} icon={ExportIcon} onClick={download} loading={busy}>
        Export CSV
      </PermissionButton>
      {error && <InlineError message={error} fieldID="export-csv" />}
    </BlockStack>
  );
}
