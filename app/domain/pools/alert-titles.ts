/** Each availability alert's name, as the pool screens and the Flow trigger "Coupon pool running low" say it. */
export const ALERT_TITLES = {
  EMPTY: "No coupons left",
  BELOW_THRESHOLD: "Below alert threshold",
  RUNNING_OUT: "Runs out within 7 days",
} as const;
