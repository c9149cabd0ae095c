import { csvStream } from "~/lib/csv";
import { ASSIGNMENT_COLUMNS, toAssignment, type Assignment, type AssignmentRow } from "./assignments.server";
import { keysetPage, prefixRange, type Page, type PageRequest } from "./keyset";
import type { PoolRef } from "./pools.server";
import type { PoolStore } from "./store.server";
import { EARLIEST_SQL_TIME, LARGEST_ID, LATEST_SQL_TIME } from "./sql-time";
import { codeKey } from "~/shopify/code-key";

// Assigned History, newest first: a range of the (poolId, assignedAt, id) index in both
// directions. A search keeps that order and adds the ids whose email starts with the term (the
// shop's email index) or whose code does (the shop's code index on Coupon, then couponId).
type HistoryKey = [assignedAt: string, id: number];
const isHistoryKey = (value: unknown): value is HistoryKey =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && Number.isSafeInteger(value[1]);

const MATCHING_IDS = `AND a."id" IN (
  SELECT "id" FROM "CouponAssignment" WHERE "shopDomain" = :shopDomain AND "email" >= :emailFrom AND "email" < :emailTo
  UNION ALL
  SELECT "id" FROM "CouponAssignment" WHERE "couponId" IN (
    SELECT "id" FROM "Coupon" WHERE "shopDomain" = :shopDomain AND "codeKey" >= :codeFrom AND "codeKey" < :codeTo))`;

const page = (search: string, direction: "after" | "before") => `SELECT ${ASSIGNMENT_COLUMNS}
  FROM "CouponAssignment" a JOIN "Coupon" c ON c."id" = a."couponId"
  WHERE a."poolId" = :poolId ${search}
    AND (a."assignedAt", a."id") ${direction === "after" ? "<" : ">"} (:assignedAt, :id)
  ORDER BY a."assignedAt" ${direction === "after" ? "DESC" : "ASC"}, a."id" ${direction === "after" ? "DESC" : "ASC"}
  LIMIT :limit`;

const NEWER_THAN_EVERYTHING: HistoryKey = [LATEST_SQL_TIME, LARGEST_ID];

export async function listAssignments(store: PoolStore, pool: PoolRef, request: PageRequest & { search?: string | null }): Promise<Page<Assignment>> {
  const term = request.search?.trim() ?? "";
  const emails = prefixRange(term.toLowerCase());
  const codes = prefixRange(codeKey(term));
  const params = {
    poolId: pool.id,
    shopDomain: pool.shopDomain,
    emailFrom: emails.from,
    emailTo: emails.to,
    codeFrom: codes.from,
    codeTo: codes.to,
  };
  const result = await store.read(() =>
    keysetPage(request, {
      isKey: isHistoryKey,
      keyOf: (row: AssignmentRow): HistoryKey => [row.assignedAt, row.id],
      seek: (direction, key, limit) => {
        const [assignedAt, id] = key ?? NEWER_THAN_EVERYTHING;
        return store.statement(page(term ? MATCHING_IDS : "", direction)).all({ ...params, assignedAt, id, limit }) as AssignmentRow[];
      },
    }),
  );
  return { ...result, items: result.items.map(toAssignment) };
}

const EXPORT_BATCH = 2_000;
const OLDEST_FIRST = `SELECT ${ASSIGNMENT_COLUMNS}
  FROM "CouponAssignment" a JOIN "Coupon" c ON c."id" = a."couponId"
  WHERE a."poolId" = :poolId AND (a."assignedAt", a."id") > (:assignedAt, :id)
  ORDER BY a."assignedAt", a."id" LIMIT :limit`;

/**
 * Every assignment of the pool, oldest first, read in short keyset batches: no read stays open
 * while the consumer (a download) waits, so writers are never held up by a slow client.
 */
export async function* allAssignments(store: PoolStore, pool: PoolRef): AsyncGenerator<Assignment[]> {
  let key: HistoryKey = [EARLIEST_SQL_TIME, 0];
  for (;;) {
    const [assignedAt, id] = key;
    const rows = await store.read(() => store.statement(OLDEST_FIRST).all({ poolId: pool.id, assignedAt, id, limit: EXPORT_BATCH }) as AssignmentRow[]);
    if (rows.length === 0) return;
    yield rows.map(toAssignment);
    const last = rows[rows.length - 1];
    key = [last.assignedAt, last.id];
  }
}

export const EXPORT_HEADER = ["Code", "Email", "Source", "Assigned At", "User Expiration", "Revoked At"];

/** Assigned History as a CSV download, streamed batch by batch. */
export function exportAssignmentsCsv(store: PoolStore, pool: PoolRef): ReadableStream<Uint8Array> {
  return csvStream(EXPORT_HEADER, allAssignments(store, pool), (assignment) => [
    assignment.code,
    assignment.email,
    assignment.source,
    assignment.assignedAt,
    assignment.expiresAt,
    assignment.revokedAt,
  ]);
}
