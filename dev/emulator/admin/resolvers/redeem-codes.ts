import { randomUUID } from "node:crypto";
import { connection, inIdOrder, type PageArgs } from "../connection";
import { isoNow, type AdminContext } from "../context";
import type { View } from "../field-resolver";
import { gid } from "../ids";
import type { BulkCreationCodeRecord, BulkCreationRecord, JobRecord, UserErrorRecord } from "../records";
import { search } from "../search";
import { userError, userErrorView } from "../views";
import { discountNodeView, findDiscount, redeemCodeSearch, redeemCodeView } from "./discounts";

const codeError = (message: string): UserErrorRecord => ({ field: ["code"], message, code: null });

/** What completing a job needs: the shop and the clock (jobs also complete outside requests). */
type JobScope = Pick<AdminContext, "store" | "now">;

/** Why Shopify refuses one code of a bulk creation (its per-code wording), or null. */
function codeProblem(context: JobScope, codes: BulkCreationCodeRecord[], index: number): UserErrorRecord | null {
  const { code } = codes[index];
  if (code === "") return codeError("is too short (minimum is 1 character)");
  if (/[\r\n]/.test(code)) return codeError("cannot contain newline characters.");
  if (code.length > 255) return codeError("is too long (maximum is 255 characters)");
  const upper = code.toUpperCase();
  if (codes.slice(0, index).some((earlier) => earlier.code.toUpperCase() === upper)) {
    return codeError("Codes must be unique within BulkDiscountCodeCreation");
  }
  if (context.store.redeemCodeByCode(code)) return codeError("must be unique. Please try a different code.");
  return null;
}

/** Runs a bulk creation: every acceptable code becomes a redeem code, the others record why not. */
function complete(context: JobScope, job: BulkCreationRecord): void {
  const discountExists = context.store.discounts.has(job.discountId);
  const now = context.now().toISOString();
  job.codes.forEach((entry, index) => {
    const problem = discountExists
      ? codeProblem(context, job.codes, index)
      : { field: ["discountId"], message: "Code discount does not exist.", code: "INVALID" };
    if (problem) entry.errors = [problem];
    else entry.redeemCodeId = context.store.addRedeemCode(job.discountId, entry.code, now).id;
  });
  job.done = true;
}

/** Completes the jobs whose time has come; the executor calls this before every request. */
export function completeDueJobs(context: JobScope): void {
  const now = context.now().getTime();
  for (const job of context.store.bulkCreations.values()) {
    if (!job.done && job.completesAt !== null && job.completesAt <= now) complete(context, job);
  }
}

/** Completes every pending job at once (tests and the demo: "let Shopify catch up"). */
export function completeAllJobs(context: JobScope): void {
  for (const job of context.store.bulkCreations.values()) if (!job.done) complete(context, job);
}

/** A status read: answered "not done" while polls remain, then the job completes. */
function poll(context: AdminContext, job: BulkCreationRecord): void {
  if (job.done) return;
  if (job.pendingPolls > 0) job.pendingPolls--;
  else complete(context, job);
}

function bulkCreationView(context: AdminContext, job: BulkCreationRecord): View {
  const failed = job.codes.filter((entry) => entry.errors.length > 0).length;
  return {
    __typename: "DiscountRedeemCodeBulkCreation",
    id: job.id,
    createdAt: job.createdAt,
    done: job.done,
    codesCount: job.codes.length,
    importedCount: job.done ? job.codes.length - failed : 0,
    failedCount: job.done ? failed : 0,
    discountCode: () => {
      const discount = context.store.discounts.get(job.discountId);
      return discount ? discountNodeView(context, discount, "typed") : null;
    },
    codes: (args: PageArgs) =>
      connection(
        "codes",
        inIdOrder(
          job.codes.map((entry, index) => ({ entry, id: gid("DiscountRedeemCodeBulkCreationCode", index + 1) })),
          (item) => item.id,
        ),
        args,
        ({ entry }) => ({
          code: entry.code,
          errors: entry.errors.map(userErrorView),
          discountRedeemCode: () => {
            const code = entry.redeemCodeId ? context.store.redeemCodes.get(entry.redeemCodeId) : undefined;
            return code ? redeemCodeView(context, code) : null;
          },
        }),
      ),
  };
}

function readBulkCreation(context: AdminContext, id: string): View | null {
  const job = context.store.bulkCreations.get(id);
  if (!job) return null;
  poll(context, job);
  return bulkCreationView(context, job);
}

const notFound = (field: string[]) => userError(field, "Code discount does not exist.", "INVALID");

export const redeemCodeQueries = {
  discountRedeemCodeBulkCreation: ({ id }: { id: string }, context: AdminContext) => readBulkCreation(context, id),
  job: ({ id }: { id: string }, context: AdminContext) => {
    const job = context.store.jobs.get(id);
    return job ? { __typename: "Job", id: job.id, done: job.done } : null;
  },
};

export const redeemCodeMutations = {
  discountRedeemCodeBulkAdd: ({ discountId, codes }: { discountId: string; codes: { code: string }[] }, context: AdminContext) => {
    const discount = findDiscount(context, discountId, "CODE");
    if (!discount) return { bulkCreation: null, userErrors: [notFound(["discountId"])] };
    if (codes.length === 0) return { bulkCreation: null, userErrors: [userError(["codes"], "Codes can't be blank", "BLANK")] };
    const { pendingPolls, completeAfterMs } = context.jobTiming;
    const job: BulkCreationRecord = {
      id: context.store.newId("DiscountRedeemCodeBulkCreation"),
      discountId: discount.id,
      createdAt: isoNow(context),
      codes: codes.map(({ code }) => ({ code, errors: [], redeemCodeId: null })),
      done: false,
      pendingPolls,
      completesAt: completeAfterMs === null ? null : context.now().getTime() + completeAfterMs,
    };
    context.store.bulkCreations.set(job.id, job);
    return { bulkCreation: bulkCreationView(context, job), userErrors: [] };
  },

  discountCodeRedeemCodeBulkDelete: (
    args: { discountId: string; ids?: string[] | null; search?: string | null; savedSearchId?: string | null },
    context: AdminContext,
  ) => {
    const selectors = [args.ids, args.search, args.savedSearchId].filter((selector) => selector !== undefined && selector !== null).length;
    const fail = (error: ReturnType<typeof userError>) => ({ job: null, userErrors: [error] });
    if (selectors === 0) return fail(userError(null, "Missing expected argument key: 'ids', 'search' or 'saved_search_id'.", "MISSING_ARGUMENT"));
    if (selectors > 1) return fail(userError(null, "Only one of 'ids', 'search' or 'saved_search_id' is allowed.", "TOO_MANY_ARGUMENTS"));
    const discount = findDiscount(context, args.discountId, "CODE");
    if (!discount) return fail(notFound(["discountId"]));
    // The emulator keeps no saved searches, so every saved search id is unknown to it.
    if (args.savedSearchId) return fail(userError(["savedSearchId"], "Invalid 'saved_search_id'.", "INVALID"));
    if (args.ids?.length === 0) return fail(userError(null, "Something went wrong, please try again."));
    if (args.search !== undefined && args.search !== null && !args.search.trim()) return fail(userError(["search"], "'Search' can't be blank.", "BLANK"));
    const codes = context.store.redeemCodesOf(discount.id);
    const wanted = new Set(args.ids ?? []);
    const doomed = args.ids ? codes.filter((code) => wanted.has(code.id)) : search(codes, args.search, redeemCodeSearch).items;
    for (const code of doomed) context.store.removeRedeemCode(code.id);
    // Shopify runs the deletion as a job; it is finished by the time the mutation answers.
    const job: JobRecord = { id: gid("Job", randomUUID()), done: true };
    context.store.jobs.set(job.id, job);
    return { job: { __typename: "Job", id: job.id, done: job.done }, userErrors: [] };
  },
};

export const redeemCodeNodes = {
  DiscountRedeemCodeBulkCreation: readBulkCreation,
};
