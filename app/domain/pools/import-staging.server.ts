import type { CouponRow } from "./import-columns";
import type { PoolRef } from "./pools.server";
import { toSqlTime } from "./sql-time";
import { bySql, type PoolStore, type Statement } from "./store.server";

export interface StagedRow {
  /** The row of the file. */
  row: number;
  coupon: CouponRow;
}

/** A code of the file that another row already holds: earlier in the file or in a pool. */
export interface Clash {
  row: number;
  code: string;
  /** The pool holding the code, or null for an earlier row of the same file. */
  poolId: number | null;
}

// Multi-row statements: one call per 200 rows instead of one per row (the per-call cost of the
// driver was most of an import's time when rows went in one by one).
const ROWS_PER_STATEMENT = 200;
const COLUMNS = `("codeKey", "row", "code", "message", "expiresAt", "validityDays")`;

// CROSS JOIN keeps the batch the outer loop: one lookup of the unique index per code.
const CLASHES_WITH_POOLS = `SELECT j."value" AS "codeKey", c."poolId" FROM json_each(:keys) j
  CROSS JOIN "Coupon" c ON c."shopDomain" = :shopDomain AND c."codeKey" = j."value"`;
const POSTGRES_CLASHES_WITH_POOLS = `SELECT j."value" AS "codeKey", c."poolId" FROM json_array_elements_text(:keys::json) AS j("value")
  JOIN "Coupon" c ON c."shopDomain" = :shopDomain AND c."codeKey" = j."value"`;

/**
 * An import's rows until it completes: a temporary table of the store's connection, by row of
 * the file. SQLite keeps temporary tables in a file it deletes when the connection ends, however
 * it ends (kill -9 included), and writing one takes no lock on the database. So a running import
 * holds no code of the pool, blocks and delays no other write, and leaves nothing behind when its
 * process dies. Completing it is one transaction that inserts every staged row into Coupon, in the
 * file's order (the order the codes are then handed out in). PostgreSQL gives the same: a
 * temporary table belongs to the session and goes when the connection does.
 */
export class ImportStaging {
  private readonly table: string;
  private readonly indexName: string;
  private readonly inserts = new Map<number, Statement>();

  constructor(
    private readonly store: PoolStore,
    private readonly pool: PoolRef,
    private readonly importId: number,
  ) {
    this.table = `${bySql(store, "temp", "pg_temp")}."import_${importId}"`;
    this.indexName = bySql(store, `temp."import_${importId}_key"`, `"import_${importId}_key"`);
    store.exec(`DROP TABLE IF EXISTS ${this.table};
      CREATE TABLE ${this.table} ("row" INTEGER PRIMARY KEY, "codeKey" TEXT NOT NULL, "code" TEXT NOT NULL,
        "message" TEXT, "expiresAt" ${bySql(store, "TEXT", "TIMESTAMP(3)")}, "validityDays" INTEGER)`);
  }

  /**
   * Stages a batch, leaving out (and returning) the codes a pool already holds: read now, checked
   * again when the import completes. A code repeated in the file is found then, not here: the
   * table has no index to keep up while the file arrives.
   */
  stage(rows: StagedRow[]): Clash[] {
    const clashes = this.clashesWithPools(rows);
    const taken = new Set(clashes.map((clash) => clash.row));
    const fresh = taken.size === 0 ? rows : rows.filter(({ row }) => !taken.has(row));
    this.store.transaction(() => {
      for (let start = 0; start < fresh.length; start += ROWS_PER_STATEMENT) {
        const chunk = fresh.slice(start, start + ROWS_PER_STATEMENT);
        this.insertStatement(chunk.length).run(chunk.flatMap(toValues));
      }
    });
    return clashes;
  }

  private clashesWithPools(rows: StagedRow[]): Clash[] {
    if (rows.length === 0) return [];
    const found = this.store
      .statement(bySql(this.store, CLASHES_WITH_POOLS, POSTGRES_CLASHES_WITH_POOLS))
      .all({ keys: JSON.stringify(rows.map(({ coupon }) => coupon.codeKey)), shopDomain: this.pool.shopDomain }) as { codeKey: string; poolId: number }[];
    if (found.length === 0) return [];
    const poolOf = new Map(found.map(({ codeKey, poolId }) => [codeKey, poolId]));
    return rows.filter(({ coupon }) => poolOf.has(coupon.codeKey)).map(({ row, coupon }) => ({ row, code: coupon.code, poolId: poolOf.get(coupon.codeKey)! }));
  }

  private insertStatement(rows: number): Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?)").join(", ");
      statement = this.store.statement(`INSERT INTO ${this.table} ${COLUMNS} VALUES ${values}`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  count(): number {
    return this.store.statement(`SELECT COUNT(*) FROM ${this.table}`).pluck().get() as number;
  }

  /** The staged rows in the file's order, `limit` at a time after row `afterRow`. */
  page(afterRow: number, limit: number): { codeKey: string; code: string; row: number }[] {
    return this.store.statement(`SELECT "codeKey", "code", "row" FROM ${this.table} WHERE "row" > ? ORDER BY "row" LIMIT ?`).all(afterRow, limit) as {
      codeKey: string;
      code: string;
      row: number;
    }[];
  }

  remove(rows: number[]) {
    const remove = this.store.statement(`DELETE FROM ${this.table} WHERE "row" = ?`);
    this.store.transaction(() => rows.forEach((row) => remove.run(row)));
  }

  /**
   * Inserts every staged row into Coupon, the first row of a repeated code winning; run inside the
   * write transaction that completes the import. Returns the rows left out: repeats of an earlier
   * row, and codes another write took since they were staged (which stay with it).
   */
  publish(): { imported: number; clashes: Clash[] } {
    const { changes } = this.store
      .statement(
        `INSERT INTO "Coupon" ("shopDomain", "poolId", "importId", "code", "codeKey", "message", "expiresAt", "validityDays")
         SELECT ?, ?, ?, "code", "codeKey", "message", "expiresAt", "validityDays" FROM ${this.table} WHERE true ORDER BY "row"
         ON CONFLICT ("shopDomain", "codeKey") DO NOTHING`,
      )
      .run(this.pool.shopDomain, this.pool.id, this.importId);
    if (changes === this.count()) return { imported: changes, clashes: [] };
    // Only now, and only when some rows were left out, is the index built (in one pass).
    // SQLite names the index's schema, and PostgreSQL the table's.
    this.store.exec(`CREATE INDEX ${this.indexName} ON ${bySql(this.store, `"import_${this.importId}"`, this.table)} ("codeKey", "row")`);
    const earlier = `EXISTS (SELECT 1 FROM ${this.table} e WHERE e."codeKey" = s."codeKey" AND e."row" < s."row")`;
    const repeats = this.store.statement(`SELECT s."row", s."code", NULL AS "poolId" FROM ${this.table} s WHERE ${earlier}`).all() as Clash[];
    const taken = this.store
      .statement(
        `SELECT s."row", s."code", c."poolId" FROM ${this.table} s ${bySql(this.store, "CROSS JOIN", "JOIN")} "Coupon" c ON c."shopDomain" = ? AND c."codeKey" = s."codeKey"
         WHERE c."importId" IS DISTINCT FROM ? AND NOT ${earlier}`,
      )
      .all(this.pool.shopDomain, this.importId) as Clash[];
    return { imported: changes, clashes: [...repeats, ...taken] };
  }

  drop() {
    if (this.store.open) this.store.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

function toValues({ row, coupon }: StagedRow): unknown[] {
  return [coupon.codeKey, row, coupon.code, coupon.message, coupon.expiresAt && toSqlTime(coupon.expiresAt), coupon.validityDays];
}
