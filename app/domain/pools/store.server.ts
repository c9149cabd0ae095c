import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { databaseUrl } from "~/database-url";

/**
 * Coupon pools read and write through their own connection to the app's SQLite file instead of
 * Prisma: through Prisma's driver adapter one claim statement took ~0.6 ms and an interactive
 * transaction ~6 ms when measured here, against tens of microseconds on this connection, and
 * pools are where the volume is. The SQL stays portable — UPDATE … RETURNING, ON CONFLICT DO NOTHING, row
 * values, COALESCE of scalar subqueries — so a PostgreSQL store replaces only this module.
 */
export interface PoolStore {
  readonly db: Database.Database;
  /** A prepared statement, compiled once per connection. */
  statement(sql: string): Database.Statement;
  /** Runs `work` in one write transaction, retrying while another connection holds the lock. */
  write<T>(work: () => T): Promise<T>;
  /** Runs `work` (reads only), retrying while a writer briefly locks the file. */
  read<T>(work: () => T): Promise<T>;
  close(): void;
}

// The connection waits at most this long, blocking its thread, for another writer; after that
// the wait continues asynchronously (see retryWhileBusy), so the event loop never stalls behind a
// Prisma transaction that is itself waiting for the event loop. Short, because SQLite's own
// waiting sleeps in growing steps and oversleeps a lock that is free again within microseconds.
const BLOCKING_BUSY_TIMEOUT_MS = 5;
const BUSY_RETRY_DEADLINE_MS = 15_000;

export function openPoolStore(url: string = databaseUrl()): PoolStore {
  if (!url.startsWith("file:")) {
    throw new Error(`Coupon pools need a SQLite (file:…) DATABASE_URL, got "${url}"`);
  }
  const db = new Database(url.slice("file:".length), { timeout: BLOCKING_BUSY_TIMEOUT_MS });
  enableWriteAheadLog(db);
  const statements = new Map<string, Database.Statement>();
  return {
    db,
    statement(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    write: groupCommit(db),
    read: (work) => retryWhileBusy(work),
    close: () => db.close(),
  };
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
function groupCommit(db: Database.Database) {
  const sql = (text: string) => db.prepare(text);
  const [begin, commit, rollback] = [sql("BEGIN IMMEDIATE"), sql("COMMIT"), sql("ROLLBACK")];
  const [savepoint, release, undo] = [sql("SAVEPOINT pool_write"), sql("RELEASE pool_write"), sql("ROLLBACK TO pool_write")];

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
      if (db.inTransaction) rollback.run();
      throw error;
    }
  };

  let queue: QueuedWrite[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    const outcomes = await retryWhileBusy(() => runBatch(batch)).catch((error: unknown) =>
      batch.map((): Outcome => ({ ok: false, error })),
    );
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

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
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

const stores = new Map<string, PoolStore>();

/** The process-wide store for the app's database, opened on first use. */
export function poolStore(url: string = databaseUrl()): PoolStore {
  let store = stores.get(url);
  if (!store || !store.db.open) {
    store = openPoolStore(url);
    stores.set(url, store);
  }
  return store;
}
