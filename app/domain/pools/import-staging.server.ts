import type Database from "better-sqlite3";
import type { CouponRow } from "./import-columns";
import type { PoolRef } from "./pools.server";
import { toSqlTime } from "./sql-time";
import type { PoolStore } from "./store.server";

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

/**
 * An import's rows until it completes: a temporary table of the store's connection, by row of
 * the file, each code key once. SQLite keeps temporary tables in a file it deletes when the connection ends, however
 * it ends (kill -9 included), and writing one takes no lock on the database. So a running import
 * holds no code of the pool, blocks and delays no other write, and leaves nothing behind when its
 * process dies. Completing it is one transaction that inserts every staged row into Coupon, in the
 * file's order (the order the codes are then handed out in).
 */
export class ImportStaging {
  private readonly table: string;
  private readonly db: Database.Database;
  private readonly inserts = new Map<number, Database.Statement>();
  private readonly rowOfKey: Database.Statement;

  constructor(
    private readonly store: PoolStore,
    private readonly pool: PoolRef,
    private readonly importId: number,
  ) {
    this.db = store.db;
    this.table = `temp."import_${importId}"`;
    this.db.exec(`DROP TABLE IF EXISTS ${this.table};
      CREATE TABLE ${this.table} ("row" INTEGER PRIMARY KEY, "codeKey" TEXT NOT NULL UNIQUE, "code" TEXT NOT NULL,
        "message" TEXT, "expiresAt" TEXT, "validityDays" INTEGER)`);
    this.rowOfKey = this.db.prepare(`SELECT "row" FROM ${this.table} WHERE "codeKey" = ?`).pluck();
  }

  /**
   * Stages a batch, leaving out the codes a pool already holds (read now; the publish checks again)
   * and the file's repeated codes; returns both kinds of clash.
   */
  stage(rows: StagedRow[]): Clash[] {
    const clashes = this.clashesWithPools(rows);
    const taken = new Set(clashes.map((clash) => clash.row));
    const fresh = taken.size === 0 ? rows : rows.filter(({ row }) => !taken.has(row));
    this.db.transaction(() => {
      for (let start = 0; start < fresh.length; start += ROWS_PER_STATEMENT) {
        const chunk = fresh.slice(start, start + ROWS_PER_STATEMENT);
        const { changes } = this.insertStatement(chunk.length).run(chunk.flatMap(toValues));
        if (changes < chunk.length) clashes.push(...this.repeatsIn(chunk));
      }
    })();
    return clashes.sort((a, b) => a.row - b.row);
  }

  private clashesWithPools(rows: StagedRow[]): Clash[] {
    if (rows.length === 0) return [];
    const found = this.store
      .statement(CLASHES_WITH_POOLS)
      .all({ keys: JSON.stringify(rows.map(({ coupon }) => coupon.codeKey)), shopDomain: this.pool.shopDomain }) as { codeKey: string; poolId: number }[];
    if (found.length === 0) return [];
    const poolOf = new Map(found.map(({ codeKey, poolId }) => [codeKey, poolId]));
    return rows.filter(({ coupon }) => poolOf.has(coupon.codeKey)).map(({ row, coupon }) => ({ row, code: coupon.code, poolId: poolOf.get(coupon.codeKey)! }));
  }

  /** The rows of a chunk whose code an earlier row of the file holds. */
  private repeatsIn(chunk: StagedRow[]): Clash[] {
    return chunk.filter(({ row, coupon }) => this.rowOfKey.get(coupon.codeKey) !== row).map(({ row, coupon }) => ({ row, code: coupon.code, poolId: null }));
  }

  private insertStatement(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?)").join(", ");
      statement = this.db.prepare(`INSERT INTO ${this.table} ${COLUMNS} VALUES ${values} ON CONFLICT DO NOTHING`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  count(): number {
    return this.db.prepare(`SELECT COUNT(*) FROM ${this.table}`).pluck().get() as number;
  }

  /** The staged rows in key order, `limit` at a time after `afterKey`. */
  page(afterKey: string, limit: number): { codeKey: string; code: string; row: number }[] {
    return this.db.prepare(`SELECT "codeKey", "code", "row" FROM ${this.table} WHERE "codeKey" > ? ORDER BY "codeKey" LIMIT ?`).all(afterKey, limit) as {
      codeKey: string;
      code: string;
      row: number;
    }[];
  }

  remove(codeKeys: string[]) {
    const remove = this.db.prepare(`DELETE FROM ${this.table} WHERE "codeKey" = ?`);
    this.db.transaction(() => codeKeys.forEach((key) => remove.run(key)))();
  }

  /**
   * Inserts every staged row into Coupon; run inside the write transaction that completes the
   * import. Codes another write took since they were staged stay with it and are returned.
   */
  publish(): { imported: number; lateClashes: Clash[] } {
    const { changes } = this.db
      .prepare(
        `INSERT INTO "Coupon" ("shopDomain", "poolId", "importId", "code", "codeKey", "message", "expiresAt", "validityDays")
         SELECT ?, ?, ?, "code", "codeKey", "message", "expiresAt", "validityDays" FROM ${this.table} WHERE true ORDER BY "row"
         ON CONFLICT ("shopDomain", "codeKey") DO NOTHING`,
      )
      .run(this.pool.shopDomain, this.pool.id, this.importId);
    if (changes === this.count()) return { imported: changes, lateClashes: [] };
    const lateClashes = this.db
      .prepare(
        `SELECT s."row", s."code", c."poolId" FROM ${this.table} s CROSS JOIN "Coupon" c ON c."shopDomain" = ? AND c."codeKey" = s."codeKey"
         WHERE c."importId" IS NOT ? ORDER BY s."row"`,
      )
      .all(this.pool.shopDomain, this.importId) as Clash[];
    return { imported: changes, lateClashes };
  }

  drop() {
    if (this.db.open) this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

function toValues({ row, coupon }: StagedRow): unknown[] {
  return [coupon.codeKey, row, coupon.code, coupon.message, coupon.expiresAt && toSqlTime(coupon.expiresAt), coupon.validityDays];
}
