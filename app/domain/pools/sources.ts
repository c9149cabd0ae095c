// Where an assignment came from (CouponAssignment.source), in the merchant's words: Assigned
// History shows it, and the Coupon assigned Flow trigger sends it as "Assigned by".

const SOURCE_LABELS: Record<string, string> = {
  manual: "Manual",
  api: "API",
  flow: "Shopify Flow",
  post_purchase: "Post-purchase rule",
};

export function assignmentSourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source.replaceAll("_", " ");
}
