import type { Dimension } from "~/domain/analytics/types";

/** The analytics index's tables (and the export's `table` values for them), in tab order. */
export const TABLES = ["campaigns", "codes", "pools", "channels"] as const;
export type TableName = (typeof TABLES)[number];

export const TABLE_DIMENSIONS: Record<TableName, Dimension> = { campaigns: "campaign", codes: "code", pools: "pool", channels: "channel" };
