import { GraphQLError } from "graphql";
import { numericId } from "./ids";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

const MAX_PAGE_SIZE = 250;

type SortValue = string | number;

/** Items in ascending order of a sort value; the GID's number breaks ties, as Shopify's id does. */
export interface Ordering<T> {
  items: T[];
  sortValue: (item: T) => SortValue;
  idOf: (item: T) => string;
}

/** Items already in id order (store tables are): no sorting needed. */
export function inIdOrder<T>(items: T[], idOf: (item: T) => string): Ordering<T> {
  return { items, sortValue: (item) => numericId(idOf(item)), idOf };
}

/** Orders items by a sort value (ascending) then by numeric id. */
export function orderBy<T>(items: Iterable<T>, sortValue: (item: T) => SortValue, idOf: (item: T) => string): Ordering<T> {
  const sorted = [...items].sort((a, b) => compareKeys(keyOf(sortValue, idOf, a), keyOf(sortValue, idOf, b)));
  return { items: sorted, sortValue, idOf };
}

/**
 * A Relay connection over already filtered and ordered items, paginated the way Shopify's are:
 * one of first/last (at most 250), keyset cursors that stay valid when earlier items disappear
 * (a sweeper deleting codes while another job pages through them), `reverse` flipping the order.
 */
export function connection<T>(fieldName: string, ordering: Ordering<T>, args: PageArgs, toNode: (item: T) => object) {
  const { first, last } = pageSize(fieldName, args);
  const direction = args.reverse ? -1 : 1;
  const ordered = args.reverse ? [...ordering.items].reverse() : ordering.items;
  const keyOfItem = (item: T) => keyOf(ordering.sortValue, ordering.idOf, item);
  const start = args.after ? firstIndex(ordered, (item) => direction * compareKeys(keyOfItem(item), decodeCursor(args.after!)) > 0) : 0;
  const end = args.before ? firstIndex(ordered, (item) => direction * compareKeys(keyOfItem(item), decodeCursor(args.before!)) >= 0) : ordered.length;
  const window = ordered.slice(start, Math.max(start, end));
  const page = first !== undefined ? window.slice(0, first) : window.slice(Math.max(0, window.length - last!));
  const cursors = page.map((item) => encodeCursor(keyOfItem(item)));
  const nodes = page.map(toNode);
  return {
    edges: nodes.map((node, index) => ({ cursor: cursors[index], node })),
    nodes,
    pageInfo: {
      hasNextPage: first !== undefined ? window.length > first : end < ordered.length,
      hasPreviousPage: last !== undefined ? window.length > last : start > 0,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
  };
}

function pageSize(fieldName: string, args: PageArgs): { first?: number; last?: number } {
  const first = args.first ?? undefined;
  const last = args.last ?? undefined;
  if (first === undefined && last === undefined) throw badRequest("you must provide one of first or last");
  if (first !== undefined && last !== undefined) throw badRequest("providing both first and last is not supported");
  for (const [name, size] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (size !== undefined && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`Argument '${name}' on Field '${fieldName}' has an invalid value (${size}). Expected a page size from 0 to ${MAX_PAGE_SIZE}.`, {
        extensions: { code: "argumentLiteralsIncompatible" },
      });
    }
  }
  return { first, last };
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: "BAD_REQUEST" } });

type Key = [SortValue, number];

function keyOf<T>(sortValue: (item: T) => SortValue, idOf: (item: T) => string, item: T): Key {
  return [sortValue(item), numericId(idOf(item))];
}

function compareKeys(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

/** Binary search for the first item matching a predicate that holds from some index on (items are ordered). */
function firstIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(items[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

// Shopify's cursors are base64 JSON of the last id and sort value; apps must treat them as opaque.
function encodeCursor([lastValue, lastId]: Key): string {
  return Buffer.from(JSON.stringify({ last_id: lastId, last_value: lastValue })).toString("base64");
}

function decodeCursor(cursor: string): Key {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown; last_value?: unknown };
    if (typeof decoded.last_id === "number" && (typeof decoded.last_value === "string" || typeof decoded.last_value === "number")) {
      return [decoded.last_value, decoded.last_id];
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest(`Invalid cursor for current pagination sort: '${cursor}'`);
}
