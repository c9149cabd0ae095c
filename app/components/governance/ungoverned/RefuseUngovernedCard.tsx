// The guard's "Refuse codes not created by PromoGuard" switch (Owner only), with what it would
// affect: the live codes nobody governs, and PromoGuard's own codes the guard cannot list.
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, InlineStack, List, Text } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import type { ActionResult } from "./types";
import { formatCount, plural } from "~/lib/format";

export interface RefuseSummary {
  refuse: boolean;
  liveDiscounts: number;
  liveCodes: number;
  unlistedCampaigns: { id: number; name: string }[];
  unlistableAdopted: { id: number; title: string; codesCount: number }[];
}

export function RefuseUngovernedCard({ summary, allowed, reason }: { summary: RefuseSummary; allowed: boolean; reason: string | null }) {
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== "idle";
  // The posted switch refused (`refuse`), or the guard not updated in Shopify.
  const problem = fetcher.data?.errors?.refuse ?? fetcher.data?.errors?.refuseUngovernedCodes;
  const affected =
    summary.liveDiscounts === 0
      ? "No live discount code outside PromoGuard would be affected."
      : `${plural(summary.liveCodes, "live code", "live codes")} in ${plural(summary.liveDiscounts, "discount", "discounts")} not governed by PromoGuard ${summary.refuse ? "are" : "would be"} refused at checkout.`;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Refuse codes not created by PromoGuard
          </Text>
          <Badge tone={summary.refuse ? "success" : undefined}>{summary.refuse ? "On" : "Off"}</Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          When on, the stacking guard refuses at checkout every discount code PromoGuard did not create or adopt, with “CODE can’t be used on this order”.
          Automatic discounts are not codes and are not affected.
        </Text>
        <Text as="p" fontWeight="medium">
          {affected}
        </Text>
        {(summary.unlistedCampaigns.length > 0 || summary.unlistableAdopted.length > 0) && (
          <Banner tone="warning" title="The guard can't recognise these codes, so they would be refused too">
            <List>
              {summary.unlistedCampaigns.map((campaign) => (
                <List.Item key={`c${campaign.id}`}>Campaign “{campaign.name}”: its pool’s codes share no common prefix.</List.Item>
              ))}
              {summary.unlistableAdopted.map((discount) => (
                <List.Item key={`d${discount.id}`}>
                  Adopted “{discount.title}”: {formatCount(discount.codesCount)} codes, more than PromoGuard has read.
                </List.Item>
              ))}
            </List>
          </Banner>
        )}
        {problem && <Banner tone="critical">{problem}</Banner>}
        <InlineStack>
          <PermissionButton
            allowed={allowed}
            reason={reason}
            loading={busy}
            tone={summary.refuse ? undefined : "critical"}
            onClick={() => fetcher.submit({ refuse: summary.refuse ? "false" : "true" }, { method: "post", action: "?intent=refuse" })}
          >
            {summary.refuse ? "Allow codes not created by PromoGuard" : "Refuse codes not created by PromoGuard"}
          </PermissionButton>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
