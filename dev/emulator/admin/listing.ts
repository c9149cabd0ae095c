import type { GraphQLResolveInfo } from "graphql";
import { connection, inIdOrder, orderBy, type PageArgs } from "./connection";
import { reportSearch, type AdminContext } from "./context";
import { refuseUnhandledArguments, unsupportedInput } from "./errors";
import { search, type SearchSpec } from "./search";

export interface ListArgs extends PageArgs {
  query?: string | null;
  sortKey?: string | null;
}

export interface Listing<T> {
  items: Iterable<T>;
  searchSpec: SearchSpec<T>;
  /** Sort values per sortKey enum value the emulator supports; ties break on id. */
  sorts: Record<string, (item: T) => string | number>;
  idOf: (item: T) => string;
  toNode: (item: T) => object;
  /** Arguments beyond pagination, query and sortKey that the caller handles itself. */
  otherArguments?: readonly string[];
  /** The items come in id order (store tables do), so sorting by ID can be skipped: 100,000 redeem codes page fast. */
  alreadyInIdOrder?: boolean;
}

const LIST_ARGUMENTS = ["first", "last", "after", "before", "reverse", "query", "sortKey"];

/** A searchable, sortable connection field: Shopify's `query` syntax, `sortKey`, `reverse` and pagination. */
export function listConnection<T>(context: AdminContext, info: GraphQLResolveInfo, args: ListArgs, listing: Listing<T>) {
  refuseUnhandledArguments(info, args, [...LIST_ARGUMENTS, ...(listing.otherArguments ?? [])]);
  const { items, warnings } = search(listing.items, args.query, listing.searchSpec);
  reportSearch(context, info, args.query, warnings);
  const sortKey = args.sortKey ?? "ID";
  const sortValue = listing.sorts[sortKey];
  if (!sortValue) throw unsupportedInput(`${info.parentType.name}.${info.fieldName}(sortKey: ${sortKey})`);
  const ordering = sortKey === "ID" && listing.alreadyInIdOrder ? inIdOrder(items, listing.idOf) : orderBy(items, sortValue, listing.idOf);
  return connection(info.fieldName, ordering, args, listing.toNode);
}
