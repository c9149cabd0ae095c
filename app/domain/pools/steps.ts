/**
 * Database work written once for both databases: a generator that yields each statement it needs
 * and receives the statement's result. The pool store drives it synchronously on SQLite (inside
 * its group-commit write, as before: better-sqlite3 is fastest so) and asynchronously on
 * PostgreSQL over a pool of connections, so that a process waiting for the database keeps
 * serving other requests (store.server.ts: writeSteps, readSteps).
 *
 *   function* claim(params) {
 *     const coupon = yield* get<Coupon>(CLAIM, params);
 *     if (coupon) yield* run(RECORD, { ...params, couponId: coupon.id });
 *     return coupon;
 *   }
 *
 * A step may call another with yield*; it must not touch store.statement() itself, which on
 * PostgreSQL is another connection, outside the step's transaction.
 */
export type StepParams = Record<string, unknown> | unknown[];

export interface Step {
  sql: string;
  params: StepParams;
  mode: "get" | "all" | "run" | "pluck";
}

export type Steps<T> = Generator<Step, T, unknown>;

/** The statement's first row (undefined when none). */
export function* get<Row>(sql: string, params: StepParams = []): Steps<Row | undefined> {
  return (yield { sql, params, mode: "get" }) as Row | undefined;
}

/** Every row of the statement. */
export function* all<Row>(sql: string, params: StepParams = []): Steps<Row[]> {
  return (yield { sql, params, mode: "all" }) as Row[];
}

/** The first column of the first row (undefined when none). */
export function* pluck<Value>(sql: string, params: StepParams = []): Steps<Value | undefined> {
  return (yield { sql, params, mode: "pluck" }) as Value | undefined;
}

/** Runs the statement; how many rows it changed. */
export function* run(sql: string, params: StepParams = []): Steps<{ changes: number }> {
  return (yield { sql, params, mode: "run" }) as { changes: number };
}

/** Drives steps with a synchronous executor (SQLite, or PostgreSQL's synchronous connection). */
export function driveSync<T>(steps: Steps<T>, execute: (step: Step) => unknown): T {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = execute(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

/** Drives steps with an asynchronous executor (PostgreSQL's connection pool). */
export async function driveAsync<T>(steps: Steps<T>, execute: (step: Step) => Promise<unknown>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await execute(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}
