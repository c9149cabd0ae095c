// The pool data the screens receive: the domain's shapes as they arrive over JSON (dates as
// ISO strings).
import type { AlertKind } from "~/domain/pools/alerts.server";
import type { ImportProblem, ImportStatus } from "~/domain/pools/imports.server";

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

export interface AssignmentData {
  id: number;
  couponId: number;
  code: string;
  email: string;
  source: string;
  assignedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface PageData<T> {
  items: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

export interface ImportSummaryData {
  id: number;
  source: "csv" | "paste";
  fileName: string | null;
  status: ImportStatus;
  totalBytes: number | null;
  processedBytes: number;
  rowsRead: number;
  imported: number;
  duplicatesInFile: number;
  duplicatesInPool: number;
  duplicatesInOtherPool: number;
  invalid: number;
  problems: ImportProblem[];
  rejectionReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface PoolSettingsData {
  id: number;
  name: string;
  lowStockAlertEnabled: boolean;
  lowStockThreshold: number;
  timeZone: string;
}
