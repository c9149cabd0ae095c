// The pool data the screens receive: the domain's shapes as they arrive over JSON (dates as
// ISO strings).
import type { AlertKind } from "~/domain/pools/alerts.server";
import type { ImportSummary } from "~/domain/pools/imports.server";
import type { Assignment } from "~/domain/pools/assignments.server";

/** A domain shape as JSON delivers it: dates become ISO strings. */
type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export interface AlertData {
  id: number;
  kind: AlertKind;
  poolId: number;
  poolName: string;
  available: number;
  detail: string;
  firedAt: string;
  clearedAt: string | null;
}

export interface ActiveCouponData {
  id: number;
  code: string;
  message: string | null;
  expiresAt: string | null;
  validityDays: number | null;
}

export type AssignmentData = Serialized<Assignment>;

export interface PageData<T> {
  items: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

export type ImportSummaryData = Serialized<ImportSummary>;

export interface PoolSettingsData {
  id: number;
  name: string;
  lowStockAlertEnabled: boolean;
  lowStockThreshold: number;
  timeZone: string;
}
