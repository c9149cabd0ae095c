// The post-purchase rules, one row each: what the rule answers, what it sends, what it did, and
// its pause, resume and delete buttons (posting ?intent=… with the rule's id).
import { Link, useFetcher } from "@remix-run/react";
import { Badge, BlockStack, IndexTable, InlineStack, Text } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import type { PostPurchaseRuleView } from "~/domain/automation/post-purchase-rules.server";
import { formatCount, formatMoney } from "~/lib/format";

const titles = (resources: { title: string }[]) => resources.map((resource) => resource.title).join(", ");

function answers(rule: PostPurchaseRuleView, currency: string): string {
  const bought = [titles(rule.triggerProducts), rule.triggerCollections.length > 0 ? `anything from ${titles(rule.triggerCollections)}` : ""]
    .filter(Boolean)
    .join(" or ");
  const parts = [bought ? `Orders with ${bought}` : "Every order"];
  if (rule.minimumSubtotal) parts.push(`a subtotal of at least ${formatMoney(rule.minimumSubtotal, currency)}`);
  if (rule.firstOrderOnly) parts.push("first orders only");
  return parts.join(", ");
}

function sends(rule: PostPurchaseRuleView): string {
  const when = rule.delayDays === 0 ? "at once" : `${rule.delayDays} ${rule.delayDays === 1 ? "day" : "days"} later`;
  const forWhat = rule.offerProducts.length > 0 ? ` for ${titles(rule.offerProducts)}` : "";
  return `A code from ${rule.sourceName}${forWhat}, valid ${rule.validityDays} days, ${when}`;
}

/** Table cells keep to one line; these sentences wrap within a readable width instead. */
function Wrapping({ children }: { children: string }) {
  return (
    <div style={{ whiteSpace: "normal", minWidth: 180, maxWidth: 280 }}>
      <Text as="span" variant="bodySm">
        {children}
      </Text>
    </div>
  );
}

function soFar({ counts }: PostPurchaseRuleView): string {
  const count = (n: number) => formatCount(n);
  const parts = [`${count(counts.assigned)} sent`, `${count(counts.heldOut)} held out`, `${count(counts.scheduled)} waiting`];
  if (counts.skipped > 0) parts.push(`${count(counts.skipped)} not sent`);
  return parts.join(", ");
}

function RuleActions({ rule, readOnly }: { rule: PostPurchaseRuleView; readOnly: string | null }) {
  const fetcher = useFetcher();
  const busy = fetcher.state !== "idle";
  const post = (intent: "pause" | "resume" | "delete") =>
    fetcher.submit({ ruleId: String(rule.id) }, { method: "post", action: `/app/campaigns/post-purchase?index&intent=${intent}` });
  const gate = { allowed: readOnly === null, reason: readOnly };
  return (
    <InlineStack gap="200" wrap={false}>
      {rule.status === "active" ? (
        <PermissionButton {...gate} size="slim" loading={busy} onClick={() => post("pause")}>
          Pause
        </PermissionButton>
      ) : (
        <PermissionButton {...gate} size="slim" loading={busy} onClick={() => post("resume")}>
          Resume
        </PermissionButton>
      )}
      <PermissionButton {...gate} size="slim" tone="critical" loading={busy} onClick={() => post("delete")}>
        Delete
      </PermissionButton>
    </InlineStack>
  );
}

export function PostPurchaseRulesTable({ rules, readOnly, currency }: { rules: PostPurchaseRuleView[]; readOnly: string | null; currency: string }) {
  return (
    <IndexTable
      resourceName={{ singular: "rule", plural: "rules" }}
      itemCount={rules.length}
      selectable={false}
      headings={[{ title: "Rule" }, { title: "Answers" }, { title: "Sends" }, { title: "So far" }]}
    >
      {rules.map((rule, index) => (
        <IndexTable.Row id={String(rule.id)} key={rule.id} position={index}>
          <IndexTable.Cell>
            <BlockStack gap="200" inlineAlign="start">
              <InlineStack gap="200" blockAlign="center" wrap={false}>
                <Link to={`/app/campaigns/post-purchase/${rule.id}`}>{rule.name}</Link>
                <Badge tone={rule.status === "active" ? "success" : undefined}>{rule.status === "active" ? "Active" : "Paused"}</Badge>
              </InlineStack>
              <RuleActions rule={rule} readOnly={readOnly} />
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Wrapping>{answers(rule, currency)}</Wrapping>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Wrapping>{sends(rule)}</Wrapping>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" variant="bodySm">
              {soFar(rule)}
            </Text>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
