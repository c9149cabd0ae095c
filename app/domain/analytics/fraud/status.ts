// A fraud case's states, in the order the review page's tabs show them (client-safe: the page imports it).
import type { FraudCaseStatus } from "./signals.server";

export const FRAUD_CASE_STATUSES: readonly FraudCaseStatus[] = ["open", "blocked", "dismissed"];
