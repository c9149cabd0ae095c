import pg from "pg";
import type { Step, StepParams } from "./steps";

/**
 * The pool store's asynchronous side on PostgreSQL: a pool of node-postgres connections that
 * runs steps (steps.ts) without blocking the event loop, so one process serves many requests
 * while their statements are in flight — the hot paths (assignments through the API, flows and
 * post-purchase, API key checks, imports) run here. Values come back as the synchronous
 * connection (postgres-connection.server.ts) and better-sqlite3 return them.
 */
const instant = (value: string) => new Date(`${value.replace(" ", "T")}Z`).toISOString().replace("Z", "+00:00");
const PARSERS: Record<number, (value: string) => unknown> = {
  20: Number, // int8: counts and ids
  1700: Number, // numeric
  16: (value) => (value === "t" ? 1 : 0), // booleans as 1 and 0
  1114: instant, // timestamp: the fixed-width UTC text the SQLite store writes
  1184: (value) => new Date(value).toISOString().replace("Z", "+00:00"), // timestamptz
};

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

// One name per statement text, the same on every connection: each connection parses a statement
// once and reuses it.
const names = new Map<string, string>();

export interface Bound {
  text: string;
  values(params: StepParams): unknown[];
}

export class PostgresPool {
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(url: string, size: number, lockTimeoutMs: number) {
    // Idle connections do not keep the process alive (as the synchronous connection's worker).
    this.pool = new pg.Pool({ connectionString: url, max: size, types, options: `-c lock_timeout=${lockTimeoutMs}`, allowExitOnIdle: true });
    // An idle connection the server dropped is replaced on next use; nothing to report.
    this.pool.on("error", () => {});
  }

  get open() {
    return !this.closed;
  }

  /** Runs `work` on one connection of the pool, in a transaction when `transaction` is set. */
  async withConnection<T>(transaction: boolean, work: (execute: (step: Step) => Promise<unknown>) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("The PostgreSQL connections of the pool store are closed");
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      if (transaction) await client.query("BEGIN");
      try {
        const value = await work((step) => this.execute(client, step));
        if (transaction) await client.query("COMMIT");
        return value;
      } catch (error) {
        if (transaction) await client.query("ROLLBACK").catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  private async execute(client: pg.PoolClient, { sql, params, mode }: Step): Promise<unknown> {
    const { text, values } = bound(sql);
    let name = names.get(text);
    if (!name) {
      name = `a${names.size}`;
      names.set(text, name);
    }
    if (mode === "pluck") return (await client.query({ name, text, values: values(params), rowMode: "array" })).rows[0]?.[0];
    const result = await client.query({ name, text, values: values(params) });
    if (mode === "run") return { changes: result.rowCount ?? 0 };
    return mode === "all" ? result.rows : result.rows[0];
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    void this.pool.end();
  }
}

const boundStatements = new Map<string, Bound>();

/** The statement in PostgreSQL's terms: $1… placeholders and a way to order its parameters. */
export function bound(sql: string): Bound {
  let statement = boundStatements.get(sql);
  if (!statement) {
    const { text, names: parameterNames } = positional(sql);
    statement = {
      text,
      values: (params: StepParams) => {
        const values = Array.isArray(params) ? params : (parameterNames ?? []).map((name) => params[name] ?? null);
        return values.map((value) => (typeof value === "bigint" ? value.toString() : value));
      },
    };
    boundStatements.set(sql, statement);
  }
  return statement;
}

/** :name placeholders (or ?) as PostgreSQL's $1…; names null when the SQL uses ? placeholders. */
export function positional(sql: string): { text: string; names: string[] | null } {
  const found: string[] = [];
  let questionMarks = 0;
  // Quoted identifiers and string literals pass through untouched; "::" is a cast, not a name.
  const text = sql.replace(/"[^"]*"|'[^']*'|::|:([A-Za-z_][A-Za-z0-9_]*)|\?/g, (match, name: string | undefined) => {
    if (name) {
      const index = found.indexOf(name);
      if (index >= 0) return `$${index + 1}`;
      found.push(name);
      return `$${found.length}`;
    }
    if (match === "?") return `$${++questionMarks}`;
    return match;
  });
  return { text, names: questionMarks > 0 ? null : found };
}
