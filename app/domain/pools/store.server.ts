import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { databaseUrl, isPostgresUrl } from "~/database-url";
import { PostgresConnection } from "./postgres-connection.server";
import { PostgresPool, positional } from "./postgres-pool.server";
import { driveAsync, driveSync, type Step, type Steps } from "./steps";

/**
 * Coupon pools read and write through their own connection to the app's database instead of
 * Prisma: through Prisma's driver adapter one claim statement took ~0.6 ms and an interactive
 * transaction ~6 ms when measured here, against tens of microseconds on this connection, and
 * pools are where the volume is. The SQL stays portable — UPDATE … RETURNING, ON CONFLICT DO
 * NOTHING, row values, COALESCE of scalar subqueries — and where the two databases differ a caller
 * asks `store.dialect`. On SQLite the connection is better-sqlite3's; on PostgreSQL a synchronous
 * node-postgres connection (postgres-connection.server.ts) with the same statement interface.
 */
export type Dialect = "sqlite" | "postgresql";

/** A statement with :name parameters (an object) or ? parameters (positional values). */
export interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
  /** The same statement returning each row's first column only. */
  pluck(): Statement;
}

export interface PoolStore {
  readonly dialect: Dialect;
  readonly open: boolean;
  /** A prepared statement, compiled once per connection. */
  statement(sql: string): Statement;
  /** Runs statements without parameters (DDL). */
  exec(sql: string): void;
  /** A synchronous transaction of this connection's own (a savepoint when one is open). */
  transaction<T>(work: () => T): T;
  /** Runs `work` in one write transaction, retrying while another connection holds the lock. */
  write<T>(work: () => T): Promise<T>;
  /** Runs `work` (reads only), retrying while a writer briefly locks the file. */
  read<T>(work: () => T): Promise<T>;
  /**
   * Runs steps (steps.ts) in one write transaction: on SQLite synchronously inside write(), on
   * PostgreSQL on a connection of its own from a pool, without blocking the event loop; retried
   * while another connection holds a lock it needs.
   */
  writeSteps<T>(work: () => Steps<T>): Promise<T>;
  /** Runs steps that only read (no transaction), as writeSteps does. */
  readSteps<T>(work: () => Steps<T>): Promise<T>;
  close(): void;
}

/** The SQL each database needs where they differ: `dialect === "postgresql" ? pg : sqlite`. */
export function bySql(store: { dialect: Dialect }, sqlite: string, postgresql: string): string {
  return store.dialect === "postgresql" ? postgresql : sqlite;
}

// The connection waits at most this long, blocking its thread, for another writer; after that
// the wait continues asynchronously (see retryWhileBusy), so the event loop never stalls behind a
// Prisma transaction that is itself waiting for the event loop. Short, because SQLite's own
// waiting sleeps in growing steps and oversleeps a lock that is free again within microseconds.
const BLOCKING_BUSY_TIMEOUT_MS = 5;
const BUSY_RETRY_DEADLINE_MS = 15_000;
// PostgreSQL's counterpart: how long a statement waits for a row lock before the write retries.
const BLOCKING_LOCK_TIMEOUT_MS = 20;
// The asynchronous connections wait for a row lock without holding the thread; this only bounds
// a wait that something went wrong with.
const ASYNC_LOCK_TIMEOUT_MS = 5_000;

/** Runs steps on the store's synchronous connection (inside store.write or store.read). */
export function runStepsSync<T>(store: Pick<PoolStore, "statement">, steps: Steps<T>): T {
  return driveSync(steps, (step) => executeSync(store, step));
}

function executeSync(store: Pick<PoolStore, "statement">, { sql, params, mode }: Step): unknown {
  const statement = store.statement(sql);
  if (mode === "pluck") return statement.pluck().get(params);
  return statement[mode](params);
}

export function openPoolStore(url: string = databaseUrl()): PoolStore {
  if (isPostgresUrl(url)) return openPostgresPoolStore(url);
  if (!url.startsWith("file:")) {
    throw new Error(`Coupon pools need a SQLite (file:…) or PostgreSQL (postgresql://…) DATABASE_URL, got "${url}"`);
  }
  const db = new Database(url.slice("file:".length), { timeout: BLOCKING_BUSY_TIMEOUT_MS });
  enableWriteAheadLog(db);
  const statements = new Map<string, Database.Statement>();
  const commands = transactionCommands(
    (text) => db.prepare(text),
    () => db.inTransaction,
  );
  const write = groupCommit(commands);
  const store: PoolStore = {
    dialect: "sqlite",
    get open() {
      return db.open;
    },
    statement(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement as unknown as Statement;
    },
    exec: (sql) => void db.exec(sql),
    transaction: (work) => db.transaction(work)(),
    write,
    read: (work) => retryWhileBusy(work),
    writeSteps: (work) => write(() => runStepsSync(store, work())),
    readSteps: (work) => retryWhileBusy(() => runStepsSync(store, work())),
    close: () => db.close(),
  };
  return store;
}

/**
 * The store on PostgreSQL. Each row lock waited for is bounded (lock_timeout) and reported as
 * busy, so a write retries asynchronously instead of holding the thread; the claims themselves
 * skip locked rows (FOR UPDATE SKIP LOCKED) and rarely wait at all.
 */
function openPostgresPoolStore(url: string): PoolStore {
  const connection = new PostgresConnection(url, `SET lock_timeout = '${BLOCKING_LOCK_TIMEOUT_MS}ms'`);
  const pool = new PostgresPool(url, postgresPoolSize(), ASYNC_LOCK_TIMEOUT_MS);
  let depth = 0;
  const statements = new Map<string, Statement>();
  const prepare = (sql: string, pluck = false): Statement => {
    const { text, names } = positional(sql);
    // better-sqlite3's ways of binding: an object of names, values, or one array of values.
    const values = (params: unknown[]) => {
      if (names !== null) return names.map((name) => (params[0] as Record<string, unknown>)[name] ?? null);
      return params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
    };
    const query = (params: unknown[]) => connection.query(text, values(params).map(toPostgresValue), pluck ? "pluck" : "rows");
    return {
      get: (...params) => query(params).rows[0],
      all: (...params) => query(params).rows,
      run: (...params) => ({ changes: query(params).rowCount }),
      pluck: () => prepare(sql, true),
    };
  };
  const exec = (sql: string) => void connection.query(sql, [], "exec");
  const commands = transactionCommands(
    (text) => ({
      run: () => {
        exec(text);
        if (text === "BEGIN") depth = 1;
        if (text === "COMMIT" || text === "ROLLBACK") depth = 0;
      },
    }),
    () => depth > 0,
    "BEGIN",
  );
  return {
    dialect: "postgresql",
    get open() {
      return connection.open;
    },
    statement(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    exec,
    transaction<T>(work: () => T): T {
      const nested = depth > 0;
      exec(nested ? "SAVEPOINT nested" : "BEGIN");
      depth += 1;
      try {
        const value = work();
        exec(nested ? "RELEASE nested" : "COMMIT");
        return value;
      } catch (error) {
        exec(nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
        throw error;
      } finally {
        depth = nested ? depth - 1 : 0;
      }
    },
    write: groupCommit(commands),
    read: (work) => retryWhileBusy(work),
    writeSteps: (work) => retryWhileBusyAsync(() => pool.withConnection(true, (execute) => driveAsync(work(), execute))),
    readSteps: (work) => retryWhileBusyAsync(() => pool.withConnection(false, (execute) => driveAsync(work(), execute))),
    close: () => {
      connection.close();
      pool.close();
    },
  };
}

function toPostgresValue(value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: writes requested during one turn of the event loop share one transaction, each
 * inside its own savepoint so that one failing rolls back only itself. Under load this takes
 * the database's single write lock once per batch instead of once per write — with several
 * processes on one file, every hand-over of that lock can cost a sleep of a millisecond. Each
 * write still runs the same statements; batching changes no guarantee.
 */
interface TransactionCommands {
  begin: { run(): unknown };
  commit: { run(): unknown };
  rollback: { run(): unknown };
  savepoint: { run(): unknown };
  release: { run(): unknown };
  undo: { run(): unknown };
  inTransaction(): boolean;
}

function transactionCommands(sql: (text: string) => { run(): unknown }, inTransaction: () => boolean, beginWrite = "BEGIN IMMEDIATE"): TransactionCommands {
  return {
    begin: sql(beginWrite),
    commit: sql("COMMIT"),
    rollback: sql("ROLLBACK"),
    savepoint: sql("SAVEPOINT pool_write"),
    release: sql("RELEASE pool_write"),
    undo: sql("ROLLBACK TO pool_write"),
    inTransaction,
  };
}

function groupCommit({ begin, commit, rollback, savepoint, release, undo, inTransaction }: TransactionCommands) {
  const runBatch = (batch: QueuedWrite[]): Outcome[] => {
    begin.run();
    try {
      const outcomes = batch.map(({ work }): Outcome => {
        savepoint.run();
        try {
          const value = work();
          release.run();
          return { ok: true, value };
        } catch (error) {
          undo.run();
          release.run();
          if (isBusy(error)) throw error;
          return { ok: false, error };
        }
      });
      commit.run();
      return outcomes;
    } catch (error) {
      if (inTransaction()) rollback.run();
      throw error;
    }
  };

  let queue: QueuedWrite[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    const outcomes = await retryWhileBusy(() => runBatch(batch)).catch((error: unknown) => batch.map((): Outcome => ({ ok: false, error })));
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  };
  return <T>(work: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
}

/**
 * WAL lets readers run while one connection writes and makes a commit one append instead of a
 * rollback journal's several fsyncs (~1,200 commits/s here, against ~50,000 with WAL and
 * synchronous=NORMAL, which stays durable up to the last checkpoint and never corrupts). The mode
 * is a property of the file, so this switches the whole app's database on first use.
 */
function enableWriteAheadLog(db: Database.Database) {
  try {
    db.pragma("journal_mode = WAL");
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
  if (db.pragma("journal_mode", { simple: true }) === "wal") db.pragma("synchronous = NORMAL");
}

// PostgreSQL: lock_not_available (lock_timeout), deadlock_detected, serialization_failure.
const POSTGRES_BUSY = new Set(["55P03", "40P01", "40001"]);

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || POSTGRES_BUSY.has(code));
}

async function retryWhileBusy<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_RETRY_DEADLINE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      // Jittered, growing pauses keep many waiting connections from retrying in lockstep.
      await delay(Math.min(20, 1 + attempt) * Math.random());
    }
  }
}

async function retryWhileBusyAsync<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_RETRY_DEADLINE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await delay(Math.min(20, 1 + attempt) * Math.random());
    }
  }
}

/** Connections the store's pool opens to PostgreSQL (DATABASE_POOL_SIZE, default 10, as Prisma's). */
function postgresPoolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  return Number.isInteger(size) && size > 0 ? size : 10;
}

const stores = new Map<string, PoolStore>();

/** The process-wide store for the app's database, opened on first use. */
export function poolStore(url: string = databaseUrl()): PoolStore {
  let store = stores.get(url);
  if (!store || !store.open) {
    store = openPoolStore(url);
    stores.set(url, store);
  }
  return store;
}
