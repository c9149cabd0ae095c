// Applying a playbook to a store the viewer works in: the store, the amounts it needs in its own
// currency (only those the playbook converts), the optional policy; a preview that changes nothing,
// then the apply. Both answer with the report: what was found in the store, what each campaign
// became there, what could not be mapped.
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, DataTable, InlineStack, List, Select, Text, TextField } from "@shopify/polaris";
import { amountField } from "~/domain/agency/variables";
import type { ApplyReport, CampaignOutcome } from "~/domain/agency/apply.server";
import { useAgencyFetcher, type AgencyActionResult } from "./use-agency-fetcher";

export interface Target {
  domain: string;
  name: string;
  currency: string;
  canSetPolicy: boolean;
  amounts: { key: string; label: string; amount: string }[];
}

const OUTCOMES: Record<CampaignOutcome, { label: string; tone?: "success" | "info" | "attention" | "critical" }> = {
  created: { label: "New draft", tone: "info" },
  updated: { label: "Draft updated", tone: "info" },
  revision: { label: "Revision waiting", tone: "attention" },
  unchanged: { label: "Unchanged" },
  skipped: { label: "Not created", tone: "critical" },
};

export function ApplyReportView({ report, applied }: { report: ApplyReport; applied: boolean }) {
  const missing = report.resources.filter((resource) => resource.found === null);
  return (
    <BlockStack gap="300">
      <Banner
        tone={applied ? "success" : "info"}
        title={applied ? `Applied version ${report.playbook.version} to ${report.store.name}` : `Preview for ${report.store.name}: nothing has changed yet`}
      >
        {applied
          ? "Its campaigns wait in that store's Approvals: nothing goes live until one of its Approvers approves it."
          : "Apply to create the drafts below; each waits for that store's approval."}
      </Banner>
      {missing.length > 0 && (
        <Banner tone="warning" title={`Not in ${report.store.name}: ${missing.map((resource) => resource.label).join(", ")}`}>
          Campaigns limited to these are made without them; exclusions of them are dropped (the discount covers more), and a campaign left with none of the
          items it was limited to is not created.
        </Banner>
      )}
      {report.resources.length > 0 && (
        <DataTable
          columnContentTypes={["text", "text", "text"]}
          headings={["Product or collection", "Looked for", `In ${report.store.name}`]}
          rows={report.resources.map((resource) => [resource.label, resource.lookedFor, resource.found ?? "Not in this store"])}
        />
      )}
      {report.amounts.length > 0 && (
        <DataTable
          columnContentTypes={["text", "text", "text"]}
          headings={["Amount", "In the playbook", `In ${report.store.name}`]}
          rows={report.amounts.map((amount) => [amount.label, amount.playbook, `${amount.store}${amount.converted ? " (converted)" : ""}`])}
        />
      )}
      <BlockStack gap="200">
        {report.campaigns.map((campaign) => (
          <BlockStack gap="100" key={campaign.key}>
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" fontWeight="semibold">
                {campaign.name}
              </Text>
              <Badge tone={OUTCOMES[campaign.outcome].tone}>{OUTCOMES[campaign.outcome].label}</Badge>
            </InlineStack>
            <Text as="p" tone="subdued">
              {campaign.detail}
            </Text>
            {(campaign.notFound.length > 0 || campaign.widened.length > 0) && (
              <List type="bullet">
                {campaign.notFound.length > 0 && <List.Item>Left out (not in this store): {campaign.notFound.join(", ")}</List.Item>}
                {campaign.widened.map((condition) => (
                  <List.Item key={condition}>Dropped, nothing it named is in this store: {condition}</List.Item>
                ))}
              </List>
            )}
          </BlockStack>
        ))}
      </BlockStack>
      {report.pools.length > 0 && <Text as="p">Pools: {report.pools.map((pool) => `${pool.name} (${pool.outcome})`).join(", ")}.</Text>}
      {report.policy !== "not included" && (
        <Text as="p">Discount policy: {report.policy === "applied" ? "set from the playbook" : "already as the playbook has it"}.</Text>
      )}
    </BlockStack>
  );
}

/** A preview or an apply answers with its report; a refused apply carries it in its details. */
type ApplyResult = { ok: true; done: string | null; errors: Record<string, string>; report?: ApplyReport } | Extract<AgencyActionResult, { ok: false }>;

export function ApplyCard({ playbookId, currency, hasPolicy, targets }: { playbookId: number; currency: string; hasPolicy: boolean; targets: Target[] }) {
  const [domain, setDomain] = useState(targets[0]?.domain ?? "");
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [policy, setPolicy] = useState(false);
  const { post, busy, data, errors } = useAgencyFetcher<ApplyResult>(`/app/playbooks/${playbookId}`);
  const target = targets.find((candidate) => candidate.domain === domain);
  if (targets.length === 0) {
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Apply to a store
          </Text>
          <Text as="p" tone="subdued">
            You need the Manager role (or higher) in a store to apply a playbook there. Ask that store's Owner.
          </Text>
        </BlockStack>
      </Card>
    );
  }
  const values = () => ({
    ...Object.fromEntries((target?.amounts ?? []).map((amount) => [amountField(amount.key), amounts[amount.key] ?? ""])),
    includePolicy: policy ? "true" : "",
  });
  const send = (intent: "preview" | "apply") => post(intent, values(), `&store=${encodeURIComponent(domain)}`);
  const answered = data ? (data.ok ? data.report : data.details?.report) : undefined;
  const report = answered && answered.store.domain === domain ? answered : null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Apply to a store
        </Text>
        <Select
          label="Store"
          options={targets.map((candidate) => ({ label: `${candidate.name} (${candidate.currency})`, value: candidate.domain }))}
          value={domain}
          onChange={setDomain}
          error={errors.store}
        />
        {target && target.amounts.length > 0 && (
          <BlockStack gap="200">
            <Text as="p">
              {target.name} sells in {target.currency}; the playbook's amounts are in {currency}. Enter each amount the playbook converts in {target.currency}:
            </Text>
            {target.amounts.map((amount) => (
              <TextField
                key={amount.key}
                label={amount.label}
                prefix={target.currency}
                helpText={`${amount.amount} ${currency} in the playbook`}
                value={amounts[amount.key] ?? ""}
                onChange={(value) => setAmounts((current) => ({ ...current, [amount.key]: value }))}
                error={errors[amountField(amount.key)]}
                autoComplete="off"
                inputMode="decimal"
              />
            ))}
          </BlockStack>
        )}
        {hasPolicy && (
          <Checkbox
            label="Also set the store's discount policy from the playbook"
            checked={policy}
            onChange={setPolicy}
            disabled={!target?.canSetPolicy}
            helpText={target?.canSetPolicy ? undefined : "Only the store's Owner can change its discount policy."}
            error={errors.policy}
          />
        )}
        {errors.general && <Banner tone="critical">{errors.general}</Banner>}
        <InlineStack gap="200">
          <Button onClick={() => send("preview")} loading={busy}>
            Preview
          </Button>
          <Button variant="primary" onClick={() => send("apply")} loading={busy}>
            Apply
          </Button>
        </InlineStack>
        {report && <ApplyReportView report={report} applied={Boolean(data?.ok && data.done)} />}
      </BlockStack>
    </Card>
  );
}
