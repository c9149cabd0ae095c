import { responsePathAsArray, type GraphQLResolveInfo } from "graphql";
import type { ActualCostCounter } from "./cost";
import type { SearchWarning } from "./search";
import type { ShopStore } from "./store";

/** How asynchronous Shopify work (redeem-code bulk creations) completes in the emulator. */
export interface JobTiming {
  /** Status reads answered with done: false before the job completes (0: done at the first read). */
  pendingPolls: number;
  /** Milliseconds after which a job completes even if nobody polls; null: only polls complete it. */
  completeAfterMs: number | null;
}

/** What every resolver receives: the shop's state, the emulator's clock and per-request bookkeeping. */
export interface AdminContext {
  store: ShopStore;
  /** The emulator's clock (injectable, so tests control time). */
  now: () => Date;
  jobTiming: JobTiming;
  cost: ActualCostCounter;
  searchWarnings: { path: (string | number)[]; query: string; warnings: SearchWarning[] }[];
}

export const isoNow = (context: AdminContext) => context.now().toISOString();

/** Records Shopify's search warnings for the response's `extensions.search`. */
export function reportSearch(context: AdminContext, info: GraphQLResolveInfo, query: string | null | undefined, warnings: SearchWarning[]) {
  if (query && warnings.length > 0) context.searchWarnings.push({ path: responsePathAsArray(info.path), query, warnings });
}
