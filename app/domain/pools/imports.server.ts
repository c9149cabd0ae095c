import { refreshPoolAlerts } from "./alerts.server";
import { PoolStateError } from "./errors";
import { detectColumns, readRecord, type Columns, type CouponRow } from "./import-columns";
import { csvBatches, ImportRejected, MAX_IMPORT_BYTES, tooLarge } from "./import-source";
import { poolExpirationChecker } from "./pool-expiration";
import type { Pool, PoolRef } from "./pools.server";
import { fromSqlTime, toSqlTime } from "./sql-time";
import type { PoolStore } from "./store.server";

export type ImportStatus = "PENDING" | "RUNNING" | "DISCARDING" | "COMPLETED" | "REJECTED" | "FAILED";

export interface ImportProblem {
  /** The row of the file (the header is row 1). */
  row: number;
  code: string;
  reason: string;
}

export interface ImportSummary {
  id: number;
  poolId: number;
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
  /** The first MAX_LISTED_PROBLEMS skipped rows; the counts above cover them all. */
  problems: ImportProblem[];
  rejectionReason: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

type Counters = Pick<ImportSummary, "rowsRead" | "imported" | "duplicatesInFile" | "duplicatesInPool" | "duplicatesInOtherPool" | "invalid">;

export const MAX_LISTED_PROBLEMS = 1_000;
const BATCH_SIZE = 5_000;
const DISCARD_BATCH = 20_000;
// An import whose process died stops updating its heartbeat; after this long it is discarded.
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** Registers an import before its upload starts, so the page can poll its progress. */
export async function createImport(
  store: PoolStore,
  pool: PoolRef,
  { source, fileName = null, totalBytes = null }: { source: "csv" | "paste"; fileName?: string | null; totalBytes?: number | null },
  now = new Date(),
): Promise<ImportSummary> {
  const { id } = await store.write(
    () =>
      store
        .statement(
          `INSERT INTO "CouponImport" ("shopDomain", "poolId", "source", "fileName", "totalBytes", "createdAt", "heartbeatAt")
           VALUES (:shopDomain, :poolId, :source, :fileName, :totalBytes, :now, :now) RETURNING "id"`,
        )
        .get({
          shopDomain: pool.shopDomain,
          poolId: pool.id,
          source,
          fileName: fileName?.slice(0, 255) ?? null,
          totalBytes: Number.isSafeInteger(totalBytes) ? totalBytes : null,
          now: toSqlTime(now),
        }) as { id: number },
  );
  return (await findImport(store, pool, id))!;
}

interface ImportRow extends Omit<ImportSummary, "problems" | "createdAt" | "finishedAt"> {
  problems: string;
  createdAt: string;
  finishedAt: string | null;
}

const SUMMARY_COLUMNS = `"id", "poolId", "source", "fileName", "status", "totalBytes", "processedBytes", "rowsRead", "imported",
  "duplicatesInFile", "duplicatesInPool", "duplicatesInOtherPool", "invalid", "problems", "rejectionReason", "createdAt", "finishedAt"`;

export async function findImport(store: PoolStore, pool: PoolRef, importId: number): Promise<ImportSummary | null> {
  if (!Number.isSafeInteger(importId)) return null;
  const row = await store.read(
    () =>
      store
        .statement(`SELECT ${SUMMARY_COLUMNS} FROM "CouponImport" WHERE "id" = :importId AND "poolId" = :poolId`)
        .get({ importId, poolId: pool.id }) as ImportRow | undefined,
  );
  return row ? toSummary(row) : null;
}

/** The pool's most recent import that received its file, for the pool page. */
export async function latestImport(store: PoolStore, pool: PoolRef): Promise<ImportSummary | null> {
  const row = await store.read(
    () =>
      store
        .statement(
          `SELECT ${SUMMARY_COLUMNS} FROM "CouponImport" WHERE "poolId" = :poolId AND "status" <> 'PENDING'
           ORDER BY "id" DESC LIMIT 1`,
        )
        .get({ poolId: pool.id }) as ImportRow | undefined,
  );
  return row ? toSummary(row) : null;
}

/**
 * Imports a CSV file or pasted list (`input`, streamed) into the pool. Rows are written in
 * batches of short transactions, each also recording progress, and stay invisible until the
 * final statement marks the import COMPLETED; a rejected or failed import deletes its rows
 * instead. Either way nothing is ever half-imported.
 */
export async function runImport(
  store: PoolStore,
  pool: Pool,
  importId: number,
  input: AsyncIterable<Uint8Array>,
  {
    now = new Date(),
    maxBytes = MAX_IMPORT_BYTES,
    declaredBytes = null,
  }: { now?: Date; maxBytes?: number; /** The upload's Content-Length, when known. */ declaredBytes?: number | null } = {},
): Promise<ImportSummary> {
  await recoverAbandonedImports(store, pool.shopDomain, now);
  const started = await store.write(
    () =>
      store
        .statement(`UPDATE "CouponImport" SET "status" = 'RUNNING', "heartbeatAt" = :now WHERE "id" = :importId AND "poolId" = :poolId AND "status" = 'PENDING'`)
        .run({ importId, poolId: pool.id, now: toSqlTime(now) }).changes === 1,
  );
  if (!started) throw new PoolStateError("IMPORT_ALREADY_STARTED", "This import has already received its file. Start a new import.");

  const writer = new ImportWriter(store, pool, importId, now);
  try {
    if (declaredBytes !== null && declaredBytes > maxBytes) throw tooLarge(maxBytes);
    let columns: Columns | null = null;
    let rowNumber = 0;
    const checkExpiration = poolExpirationChecker(pool.timeZone, now);
    for await (const { records, bytesRead } of csvBatches(input, { batchSize: BATCH_SIZE, maxBytes })) {
      const rows: { row: number; coupon: CouponRow }[] = [];
      for (const record of records) {
        rowNumber++;
        if (!columns) {
          columns = detectColumns(record);
          if (columns.hasHeader) continue;
        }
        const verdict = readRecord(record, columns, checkExpiration);
        if (verdict.ok === true) rows.push({ row: rowNumber, coupon: verdict.row });
        else if (verdict.ok === false) writer.invalidRow(rowNumber, record[columns.index.code] ?? "", verdict.reason);
      }
      await writer.write(rows, bytesRead);
    }
    if (writer.counters.rowsRead === 0) throw new ImportRejected("The file contains no coupon codes.");
    const summary = await writer.publish();
    await refreshPoolAlerts(store, pool, { now: new Date() });
    return summary;
  } catch (error) {
    if (error instanceof ImportRejected) return writer.discard("REJECTED", error.message);
    console.error(`Import ${importId} of pool ${pool.id} failed`, error);
    return writer.discard("FAILED", "The import stopped before the end of the file (the upload was interrupted or the server failed). Nothing from it was kept; import the file again.");
  }
}

/** Accumulates an import's outcome and writes its batches. */
class ImportWriter {
  counters: Counters = { rowsRead: 0, imported: 0, duplicatesInFile: 0, duplicatesInPool: 0, duplicatesInOtherPool: 0, invalid: 0 };
  private readonly problems: ImportProblem[] = [];
  private readonly poolNames = new Map<number, string>();
  private bytesRead = 0;

  constructor(
    private readonly store: PoolStore,
    private readonly pool: Pool,
    private readonly importId: number,
    private readonly now: Date,
  ) {}

  invalidRow(row: number, code: string, reason: string) {
    this.counters.rowsRead++;
    this.counters.invalid++;
    this.listProblem(row, code, reason);
  }

  /**
   * One transaction: the batch's rows, what became of each, and the progress the page polls. A
   * transaction retried after a busy database starts over, so nothing here is counted twice.
   */
  async write(rows: { row: number; coupon: CouponRow }[], bytesRead: number) {
    const { store, pool, importId } = this;
    const outcome = await store.write(() => {
      const running = store
        .statement(`SELECT 1 FROM "CouponImport" WHERE "id" = :importId AND "status" = 'RUNNING'`)
        .get({ importId });
      if (!running) throw new Error(`Import ${importId} was discarded while it ran`);
      // Positional parameters: binding by name costs a lookup per value, a million times over.
      const insert = store.statement(
        `INSERT INTO "Coupon" ("shopDomain", "poolId", "importId", "code", "codeKey", "message", "expiresAt", "validityDays")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("shopDomain", "codeKey") DO NOTHING`,
      );
      const counters = { ...this.counters, rowsRead: this.counters.rowsRead + rows.length };
      const duplicates: (ImportProblem & { counter: keyof Counters })[] = [];
      let firstId: number | null = null;
      let lastId: number | null = null;
      for (const { row, coupon } of rows) {
        const result = insert.run(
          pool.shopDomain,
          pool.id,
          importId,
          coupon.code,
          coupon.codeKey,
          coupon.message,
          coupon.expiresAt && toSqlTime(coupon.expiresAt),
          coupon.validityDays,
        );
        if (result.changes === 1) {
          lastId = Number(result.lastInsertRowid);
          firstId ??= lastId;
          counters.imported++;
        } else {
          const duplicate = this.classifyDuplicate(coupon.codeKey);
          counters[duplicate.counter]++;
          duplicates.push({ row, code: coupon.code, ...duplicate });
        }
      }
      store
        .statement(
          `UPDATE "CouponImport" SET "heartbeatAt" = :heartbeat, "processedBytes" = :processedBytes,
             "firstCouponId" = COALESCE("firstCouponId", :firstId), "lastCouponId" = COALESCE(:lastId, "lastCouponId"),
             "rowsRead" = :rowsRead, "imported" = :imported, "duplicatesInFile" = :duplicatesInFile,
             "duplicatesInPool" = :duplicatesInPool, "duplicatesInOtherPool" = :duplicatesInOtherPool, "invalid" = :invalid
           WHERE "id" = :importId`,
        )
        .run({ ...counters, importId, firstId, lastId, processedBytes: bytesRead, heartbeat: toSqlTime(new Date()) });
      return { counters, duplicates };
    });
    this.counters = outcome.counters;
    this.bytesRead = bytesRead;
    for (const { row, code, reason } of outcome.duplicates) this.listProblem(row, code, reason);
  }

  /** Which kind of duplicate a code already in the shop is. */
  private classifyDuplicate(codeKey: string): { counter: keyof Counters; reason: string } {
    const existing = this.store
      .statement(`SELECT "poolId", "importId" FROM "Coupon" WHERE "shopDomain" = :shopDomain AND "codeKey" = :codeKey`)
      .get({ shopDomain: this.pool.shopDomain, codeKey }) as { poolId: number; importId: number | null };
    if (existing.importId === this.importId) {
      return { counter: "duplicatesInFile", reason: "Duplicate: this code appears earlier in the file." };
    }
    if (existing.poolId === this.pool.id) {
      return { counter: "duplicatesInPool", reason: "Duplicate: this code is already in this pool." };
    }
    return { counter: "duplicatesInOtherPool", reason: `Duplicate: this code is already in the pool “${this.poolName(existing.poolId)}”.` };
  }

  private poolName(poolId: number): string {
    let name = this.poolNames.get(poolId);
    if (name === undefined) {
      const row = this.store.statement(`SELECT "name" FROM "CouponPool" WHERE "id" = :poolId`).get({ poolId }) as { name: string } | undefined;
      name = row?.name ?? `#${poolId}`;
      this.poolNames.set(poolId, name);
    }
    return name;
  }

  private listProblem(row: number, code: string, reason: string) {
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ row, code: code.slice(0, 100), reason });
  }

  /** The single statement that makes every imported row part of the pool at once. */
  async publish(): Promise<ImportSummary> {
    const published = await this.store.write(
      () =>
        this.store
          .statement(
            `UPDATE "CouponImport" SET "status" = 'COMPLETED', "finishedAt" = :finishedAt, "problems" = :problems,
               "processedBytes" = :processedBytes, "rowsRead" = :rowsRead, "invalid" = :invalid
             WHERE "id" = :importId AND "status" = 'RUNNING'`,
          )
          .run({
            importId: this.importId,
            finishedAt: toSqlTime(new Date()),
            problems: JSON.stringify(this.problems),
            processedBytes: this.bytesRead,
            rowsRead: this.counters.rowsRead,
            invalid: this.counters.invalid,
          }).changes === 1,
    );
    if (!published) throw new Error(`Import ${this.importId} was discarded before it could be published`);
    return (await findImport(this.store, this.pool, this.importId))!;
  }

  async discard(status: "REJECTED" | "FAILED", reason: string): Promise<ImportSummary> {
    await discardImport(this.store, this.importId, status, reason, this.now);
    return (await findImport(this.store, this.pool, this.importId))!;
  }
}

/**
 * Deletes an import's rows in batches (still hidden: the DISCARDING status keeps them out of the
 * pool) and records why. The rows lie between the import's first and last coupon ids.
 */
async function discardImport(store: PoolStore, importId: number, status: "REJECTED" | "FAILED", reason: string, now: Date) {
  const range = await store.write(() => {
    store
      .statement(`UPDATE "CouponImport" SET "status" = 'DISCARDING', "rejectionReason" = :reason, "heartbeatAt" = :now WHERE "id" = :importId`)
      .run({ importId, reason, now: toSqlTime(now) });
    return store.statement(`SELECT "firstCouponId", "lastCouponId" FROM "CouponImport" WHERE "id" = :importId`).get({ importId }) as {
      firstCouponId: number | null;
      lastCouponId: number | null;
    };
  });
  if (range.firstCouponId !== null && range.lastCouponId !== null) {
    for (let from = range.firstCouponId; from <= range.lastCouponId; from += DISCARD_BATCH) {
      await store.write(() =>
        store
          .statement(`DELETE FROM "Coupon" WHERE "id" BETWEEN :from AND :to AND "importId" = :importId`)
          .run({ from, to: from + DISCARD_BATCH - 1, importId }),
      );
    }
  }
  await store.write(() =>
    store
      .statement(`UPDATE "CouponImport" SET "status" = :status, "finishedAt" = :now, "imported" = 0 WHERE "id" = :importId`)
      .run({ importId, status, now: toSqlTime(new Date()) }),
  );
}

/** Imports of the shop whose process stopped mid-way (a restart, a crash) are discarded. */
export async function recoverAbandonedImports(store: PoolStore, shopDomain: string, now = new Date()) {
  const abandoned = await store.read(
    () =>
      store
        .statement(
          `SELECT "id" FROM "CouponImport" WHERE "shopDomain" = :shopDomain AND "status" IN ('RUNNING', 'DISCARDING')
           AND "heartbeatAt" < :cutoff`,
        )
        .all({ shopDomain, cutoff: toSqlTime(new Date(now.getTime() - ABANDONED_AFTER_MS)) }) as { id: number }[],
  );
  for (const { id } of abandoned) {
    await discardImport(store, id, "FAILED", "The import was interrupted (the server restarted). Nothing from it was kept; import the file again.", now);
  }
}

function toSummary(row: ImportRow): ImportSummary {
  return {
    ...row,
    problems: JSON.parse(row.problems) as ImportProblem[],
    createdAt: fromSqlTime(row.createdAt),
    finishedAt: fromSqlTime(row.finishedAt),
  };
}
