import type { CouponUsage } from "~/domain/redemptions/summary.server";
import { useNavigate } from "@remix-run/react";
import { Tabs } from "@shopify/polaris";
import { ActiveCouponsTab } from "./ActiveCouponsTab";
import { AssignedHistoryTab } from "./AssignedHistoryTab";
import type { ActiveCouponData, AssignmentData, PageData } from "./types";
import type { ViewerPermissions } from "~/components/governance";

const TABS = [
  { id: "active", content: "Active Coupons", accessibilityLabel: "Active Coupons: unassigned coupons ready to hand out" },
  { id: "history", content: "Assigned History", accessibilityLabel: "Assigned History: coupons already handed out" },
] as const;

export function CouponTabs(props: {
  poolId: number;
  tab: "active" | "history";
  search: string;
  coupons: PageData<ActiveCouponData> | null;
  history: PageData<AssignmentData> | null;
  /** Checkout usage of the listed history rows' coupons, by coupon id. */
  usage: Record<number, CouponUsage>;
  timeZone: string;
  /** Who is looking: adding codes needs pool.manage, assigning and revoking pool.assign. */
  viewer: ViewerPermissions;
}) {
  const navigate = useNavigate();
  const selected = TABS.findIndex((tab) => tab.id === props.tab);
  return (
    <Tabs tabs={TABS.map((tab) => ({ ...tab }))} selected={selected} onSelect={(index) => navigate(`/app/pools/${props.poolId}?tab=${TABS[index].id}`)}>
      {props.coupons && <ActiveCouponsTab page={props.coupons} search={props.search} timeZone={props.timeZone} viewer={props.viewer} />}
      {props.history && (
        <AssignedHistoryTab
          poolId={props.poolId}
          page={props.history}
          usage={props.usage}
          search={props.search}
          timeZone={props.timeZone}
          viewer={props.viewer}
        />
      )}
    </Tabs>
  );
}
