import { refreshPoolAlerts } from "./alerts.server";
import { PoolStateError } from "./errors";
import { detectColumns, readRecord, type Columns } from "./import-columns";
import { HEARTBEAT_EVERY_MS, runnerIsGone, THIS_RUNNER } from "./import-runner.server";
import { csvBatches, ImportRejected, MAX_IMPORT_BYTES, tooLarge } from "./import-source";
import { ImportStaging, type Clash, type StagedRow } from "./import-staging.server";
import { poolExpirationChecker } from "./pool-expiration";
import type { Pool, PoolRef } from "./pools.server";
import { fromSqlTime, toSqlTime } from "./sql-time";
import type { PoolStore } from "./store.server";
import { CODES_PER_LOOKUP, type CodesInShopify } from "~/shopify/existing-codes.server";

export type ImportStatus = "PENDING" | "RUNNING" | "COMPLETED" | "REJECTED" | "FAILED";

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
  /** While RUNNING: the rows staged so far; once COMPLETED: the codes the pool received. */
  imported: number;
  duplicatesInFile: number;
  duplicatesInPool: number;
  duplicatesInOtherPool: number;
  alreadyInShopify: number;
  invalid: number;
  /** The first MAX_LISTED_PROBLEMS skipped rows; the counts above cover them all. */
  problems: ImportProblem[];
  rejectionReason: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

type Counters = Pick<
  ImportSummary,
  "rowsRead" | "imported" | "duplicatesInFile" | "duplicatesInPool" | "duplicatesInOtherPool" | "alreadyInShopify" | "invalid"
>;

export const MAX_LISTED_PROBLEMS = 1_000;
const BATCH_SIZE = 5_000;

export const INTERRUPTED =
  "The import was interrupted: the server stopped before it finished. Nothing from it was kept, and the pool is as it was; import the file again.";
const FAILED =
  "The import stopped before the end of the file (the upload was interrupted or the server failed). Nothing from it was kept; import the file again.";

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
  /** JSON text on SQLite; already decoded on PostgreSQL (a JSONB column). */
  problems: string | ImportProblem[];
  createdAt: string;
  finishedAt: string | null;
}

const SUMMARY_COLUMNS = `"id", "poolId", "source", "fileName", "status", "totalBytes", "processedBytes", "rowsRead", "imported",
  "duplicatesInFile", "duplicatesInPool", "duplicatesInOtherPool", "alreadyInShopify", "invalid", "problems", "rejectionReason",
  "createdAt", "finishedAt"`;

/** The import, after failing it if its process died (so a crash shows as soon as anyone looks). */
export async function findImport(store: PoolStore, pool: PoolRef, importId: number): Promise<ImportSummary | null> {
  if (!Number.isSafeInteger(importId)) return null;
  await failInterruptedImports(store, pool.shopDomain);
  const row = await store.read(
    () =>
      store.statement(`SELECT ${SUMMARY_COLUMNS} FROM "CouponImport" WHERE "id" = :importId AND "poolId" = :poolId`).get({ importId, poolId: pool.id }) as
        ImportRow | undefined,
  );
  return row ? toSummary(row) : null;
}

/** The pool's most recent import that received its file, for the pool page. */
export async function latestImport(store: PoolStore, pool: PoolRef): Promise<ImportSummary | null> {
  await failInterruptedImports(store, pool.shopDomain);
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
 * RUNNING imports of the shop whose process is gone (a crash, kill -9, a restart) become FAILED.
 * Their staged rows went with the process, and they never wrote to the pool: nothing to undo.
 */
export async function failInterruptedImports(store: PoolStore, shopDomain: string, now = new Date()) {
  const running = await store.read(
    () =>
      store
        .statement(`SELECT "id", "runner", "heartbeatAt" FROM "CouponImport" WHERE "shopDomain" = :shopDomain AND "status" = 'RUNNING'`)
        .all({ shopDomain }) as { id: number; runner: string | null; heartbeatAt: string | null }[],
  );
  const gone = running.filter(({ runner, heartbeatAt }) => runnerIsGone(runner, fromSqlTime(heartbeatAt), now));
  if (gone.length === 0) return;
  await store.write(() => {
    for (const { id, heartbeatAt } of gone) {
      store
        .statement(
          `UPDATE "CouponImport" SET "status" = 'FAILED', "rejectionReason" = :reason, "imported" = 0, "finishedAt" = :now
           WHERE "id" = :id AND "status" = 'RUNNING' AND "heartbeatAt" IS NOT DISTINCT FROM :heartbeatAt`,
        )
        .run({ id, heartbeatAt, reason: INTERRUPTED, now: toSqlTime(now) });
    }
  });
}

export interface ImportOptions {
  now?: Date;
  maxBytes?: number;
  /** The upload's Content-Length, when known. */
  declaredBytes?: number | null;
  /** Refuses codes Shopify already has (the routes pass the shop's; tests of the file alone do not). */
  inShopify?: () => Promise<CodesInShopify>;
}

/**
 * Imports a CSV file or pasted list (`input`, streamed) into the pool. Rows are checked and
 * staged while the file arrives (ImportStaging: outside the pool, blocking nothing), then checked
 * against Shopify, then inserted in the one transaction that marks the import COMPLETED. A
 * rejected or failed import, or one whose process dies, leaves the pool exactly as it was.
 */
export async function runImport(
  store: PoolStore,
  pool: Pool,
  importId: number,
  input: AsyncIterable<Uint8Array>,
  { now = new Date(), maxBytes = MAX_IMPORT_BYTES, declaredBytes = null, inShopify }: ImportOptions = {},
): Promise<ImportSummary> {
  await failInterruptedImports(store, pool.shopDomain, now);
  const started = await store.write(
    () =>
      store
        .statement(
          `UPDATE "CouponImport" SET "status" = 'RUNNING', "runner" = :runner, "heartbeatAt" = :now
           WHERE "id" = :importId AND "poolId" = :poolId AND "status" = 'PENDING'`,
        )
        .run({ importId, poolId: pool.id, runner: THIS_RUNNER, now: toSqlTime(new Date()) }).changes === 1,
  );
  if (!started) throw new PoolStateError("IMPORT_ALREADY_STARTED", "This import has already received its file. Start a new import.");

  const run = new ImportRun(store, pool, importId);
  try {
    if (declaredBytes !== null && declaredBytes > maxBytes) throw tooLarge(maxBytes);
    let columns: Columns | null = null;
    let rowNumber = 0;
    const checkExpiration = poolExpirationChecker(pool.timeZone, now);
    for await (const { records, firstRow, bytesRead } of csvBatches(input, { batchSize: BATCH_SIZE, maxBytes })) {
      const rows: StagedRow[] = [];
      rowNumber = firstRow - 1;
      for (const record of records) {
        rowNumber++;
        if (!columns) {
          columns = detectColumns(record);
          if (columns.hasHeader) continue;
        }
        const verdict = readRecord(record, columns, checkExpiration);
        if (verdict.ok === true) rows.push({ row: rowNumber, coupon: verdict.row });
        else if (verdict.ok === false) run.invalidRow(rowNumber, record[columns.index.code] ?? "", verdict.reason);
      }
      await run.stage(rows, bytesRead);
    }
    if (run.counters.rowsRead === 0) throw new ImportRejected("The file contains no coupon codes.");
    if (inShopify) await run.refuseCodesInShopify(inShopify);
    const summary = await run.publish();
    await refreshPoolAlerts(store, pool, { now: new Date() });
    return summary;
  } catch (error) {
    if (error instanceof ImportRejected) return run.finish("REJECTED", error.message);
    if (error instanceof ShopifyCheckFailed) return run.finish("FAILED", error.message);
    console.error(`Import ${importId} of pool ${pool.id} failed`, error);
    return run.finish("FAILED", FAILED);
  } finally {
    run.close();
  }
}

/** One running import: its staging, its outcome so far, and the heartbeat that shows it alive. */
class ImportRun {
  counters: Counters = { rowsRead: 0, imported: 0, duplicatesInFile: 0, duplicatesInPool: 0, duplicatesInOtherPool: 0, alreadyInShopify: 0, invalid: 0 };
  private readonly problems: ImportProblem[] = [];
  private readonly poolNames = new Map<number, string>();
  private readonly staging: ImportStaging;
  private readonly heartbeat: NodeJS.Timeout;
  private bytesRead = 0;

  constructor(
    private readonly store: PoolStore,
    private readonly pool: Pool,
    private readonly importId: number,
  ) {
    this.staging = new ImportStaging(store, pool, importId);
    this.heartbeat = setInterval(() => void this.saveProgress().catch(() => {}), HEARTBEAT_EVERY_MS).unref();
  }

  invalidRow(row: number, code: string, reason: string) {
    this.counters.rowsRead++;
    this.counters.invalid++;
    this.listProblem(row, code, reason);
  }

  async stage(rows: StagedRow[], bytesRead: number) {
    const clashes = this.staging.stage(rows);
    this.counters.rowsRead += rows.length;
    this.counters.imported += rows.length - clashes.length;
    this.countClashes(clashes);
    this.bytesRead = bytesRead;
    await this.saveProgress();
  }

  /** Leaves out, and lists, the staged codes Shopify already has. */
  async refuseCodesInShopify(inShopify: () => Promise<CodesInShopify>) {
    const lookUp = await askShopify(inShopify);
    for (let after = 0; ;) {
      const page = this.staging.page(after, CODES_PER_LOOKUP);
      if (page.length === 0) break;
      after = page[page.length - 1].row;
      const found = await askShopify(() => lookUp(page));
      if (found.size === 0) continue;
      const refused = page.filter(({ codeKey }) => found.has(codeKey));
      this.staging.remove(refused.map(({ row }) => row));
      this.counters.imported -= refused.length;
      this.counters.alreadyInShopify += refused.length;
      for (const { row, code, codeKey } of refused) {
        this.listProblem(row, code, `Already a code in Shopify, in the discount “${found.get(codeKey)}”: Shopify codes are unique across the store.`);
      }
      await this.saveProgress();
    }
  }

  private countClashes(clashes: Clash[]) {
    for (const { row, code, poolId } of clashes) {
      if (poolId === null) {
        this.counters.duplicatesInFile++;
        this.listProblem(row, code, "Duplicate: this code appears earlier in the file.");
      } else if (poolId === this.pool.id) {
        this.counters.duplicatesInPool++;
        this.listProblem(row, code, "Duplicate: this code is already in this pool.");
      } else {
        this.counters.duplicatesInOtherPool++;
        this.listProblem(row, code, `Duplicate: this code is already in the pool “${this.poolName(poolId)}”.`);
      }
    }
  }

  private poolName(poolId: number): string {
    let name = this.poolNames.get(poolId);
    if (name === undefined) {
      const row = this.store.statement(`SELECT "name" FROM "CouponPool" WHERE "id" = :poolId`).get({ poolId }) as { name: string } | undefined;
      name = row?.name ?? "another pool";
      this.poolNames.set(poolId, name);
    }
    return name;
  }

  private listProblem(row: number, code: string, reason: string) {
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ row, code: code.slice(0, 100), reason });
  }

  /** Progress for the page that polls it, and the heartbeat. */
  private saveProgress() {
    return this.store.write(() =>
      this.store
        .statement(
          `UPDATE "CouponImport" SET "heartbeatAt" = :heartbeat, "processedBytes" = :processedBytes, "rowsRead" = :rowsRead,
             "imported" = :imported, "duplicatesInFile" = :duplicatesInFile, "duplicatesInPool" = :duplicatesInPool,
             "duplicatesInOtherPool" = :duplicatesInOtherPool, "alreadyInShopify" = :alreadyInShopify, "invalid" = :invalid
           WHERE "id" = :importId AND "status" = 'RUNNING'`,
        )
        .run({ ...this.counters, importId: this.importId, processedBytes: this.bytesRead, heartbeat: toSqlTime(new Date()) }),
    );
  }

  /** The one transaction that puts every staged row in the pool and marks the import COMPLETED. */
  async publish(): Promise<ImportSummary> {
    await this.store.write(() => {
      const running = this.store.statement(`SELECT 1 FROM "CouponImport" WHERE "id" = :importId AND "status" = 'RUNNING'`).get({ importId: this.importId });
      if (!running) throw new Error(`Import ${this.importId} was failed while it ran`);
      const { imported, clashes } = this.staging.publish();
      // Repeats within the file, and codes another write took after they were staged: what they
      // are now is the truth.
      this.counters.imported = imported;
      this.countClashes(clashes);
      this.problems.sort((a, b) => a.row - b.row);
      this.store
        .statement(
          `UPDATE "CouponImport" SET "status" = 'COMPLETED', "finishedAt" = :finishedAt, "problems" = :problems,
             "processedBytes" = :processedBytes, "rowsRead" = :rowsRead, "imported" = :imported, "duplicatesInFile" = :duplicatesInFile,
             "duplicatesInPool" = :duplicatesInPool, "duplicatesInOtherPool" = :duplicatesInOtherPool,
             "alreadyInShopify" = :alreadyInShopify, "invalid" = :invalid
           WHERE "id" = :importId`,
        )
        .run({
          ...this.counters,
          importId: this.importId,
          finishedAt: toSqlTime(new Date()),
          problems: JSON.stringify(this.problems),
          processedBytes: this.bytesRead,
        });
    });
    return (await findImport(this.store, this.pool, this.importId))!;
  }

  async finish(status: "REJECTED" | "FAILED", reason: string): Promise<ImportSummary> {
    await this.store.write(() =>
      this.store
        .statement(
          `UPDATE "CouponImport" SET "status" = :status, "rejectionReason" = :reason, "imported" = 0, "finishedAt" = :now
           WHERE "id" = :importId AND "status" = 'RUNNING'`,
        )
        .run({ importId: this.importId, status, reason, now: toSqlTime(new Date()) }),
    );
    return (await findImport(this.store, this.pool, this.importId))!;
  }

  close() {
    clearInterval(this.heartbeat);
    this.staging.drop();
  }
}

/** Shopify could not be asked (down, or refusing): the import fails, saying so. */
class ShopifyCheckFailed extends Error {}

async function askShopify<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    console.error("Checking codes with Shopify failed", error);
    throw new ShopifyCheckFailed("PromoGuard could not check the codes with Shopify, so nothing was imported. Import the file again in a few minutes.");
  }
}

function toSummary(row: ImportRow): ImportSummary {
  return {
    ...row,
    problems: typeof row.problems === "string" ? (JSON.parse(row.problems) as ImportProblem[]) : row.problems,
    createdAt: fromSqlTime(row.createdAt),
    finishedAt: fromSqlTime(row.finishedAt),
  };
}
