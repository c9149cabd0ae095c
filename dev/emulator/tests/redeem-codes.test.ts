import { describe, expect, it } from "vitest";
import type { ShopifyEmulatorOptions } from "../index";
import { query, testEmulator } from "./helpers";

const BULK_ADD = `
  mutation Add($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
    discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
      bulkCreation { id done codesCount importedCount failedCount }
      userErrors { field message code }
    }
  }`;

const STATUS = `
  query Status($id: ID!) {
    discountRedeemCodeBulkCreation(id: $id) {
      done codesCount importedCount failedCount
      codes(first: 250) { nodes { code errors { field message code } discountRedeemCode { code } } }
    }
  }`;

function shopWithDiscount(options: ShopifyEmulatorOptions = {}) {
  const { emulator, clock } = testEmulator(options);
  emulator.seed.function({ handle: "promo-discount" });
  const discount = emulator.seed.discount({ kind: "APP", functionHandle: "promo-discount", title: "Pool campaign", codes: ["POOL-0001"] });
  const other = emulator.seed.discount({ title: "Newsletter", codes: ["TAKEN-1"], summary: "5% off" });
  const add = (codes: string[]) => query(emulator, BULK_ADD, { discountId: discount.id, codes: codes.map((code) => ({ code })) }).discountRedeemCodeBulkAdd;
  const status = (id: string) => query(emulator, STATUS, { id }).discountRedeemCodeBulkCreation;
  return { emulator, clock, discount, other, add, status };
}

describe("redeem code bulk creation", () => {
  it("answers with a pending job that completes after being polled, recording per-code failures", () => {
    const { add, status, emulator, discount } = shopWithDiscount();
    const { bulkCreation, userErrors } = add(["POOL-0002", "taken-1", "POOL-0003", "pool-0003", "", "BAD\nCODE"]);
    expect(userErrors).toEqual([]);
    expect(bulkCreation).toMatchObject({ done: false, codesCount: 6, importedCount: 0, failedCount: 0 });

    expect(status(bulkCreation.id)).toMatchObject({ done: false, importedCount: 0 });
    const done = status(bulkCreation.id);
    expect(done).toMatchObject({ done: true, codesCount: 6, importedCount: 2, failedCount: 4 });
    const failure = (message: string) => ({ errors: [{ field: ["code"], message, code: null }], discountRedeemCode: null });
    expect(done.codes.nodes).toEqual([
      { code: "POOL-0002", errors: [], discountRedeemCode: { code: "POOL-0002" } },
      { code: "taken-1", ...failure("must be unique. Please try a different code.") },
      { code: "POOL-0003", errors: [], discountRedeemCode: { code: "POOL-0003" } },
      { code: "pool-0003", ...failure("Codes must be unique within BulkDiscountCodeCreation") },
      { code: "", ...failure("is too short (minimum is 1 character)") },
      { code: "BAD\nCODE", ...failure("cannot contain newline characters.") },
    ]);
    expect(
      emulator
        .store()
        .redeemCodesOf(discount.id)
        .map((code) => code.code),
    ).toEqual(["POOL-0001", "POOL-0002", "POOL-0003"]);
  });

  it("completes on time when configured to, without polling", () => {
    const { add, clock, emulator, discount } = shopWithDiscount({ jobs: { pendingPolls: 100, completeAfterMs: 2_000 } });
    add(["LATER-1"]);
    clock.advance(1_999);
    query(emulator, "{ shop { name } }");
    expect(emulator.store().redeemCodeCountOf(discount.id)).toBe(1);
    clock.advance(1);
    query(emulator, "{ shop { name } }");
    expect(emulator.store().redeemCodeCountOf(discount.id)).toBe(2);
  });

  it("lets tests complete every pending job at once", () => {
    const { add, emulator, discount } = shopWithDiscount({ jobs: { pendingPolls: 5 } });
    add(["A-1", "A-2"]);
    emulator.completeJobs();
    expect(emulator.store().redeemCodeCountOf(discount.id)).toBe(3);
  });

  it("refuses more than 250 codes in one call with Shopify's input-size error, charging the requested cost", () => {
    const { emulator, discount } = shopWithDiscount();
    const codes = Array.from({ length: 251 }, (_, index) => ({ code: `MANY-${index}` }));
    const response = emulator.graphql(emulator.defaultShop, BULK_ADD, { discountId: discount.id, codes });
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      {
        message: "The input array size of 251 is greater than the maximum allowed of 250.",
        locations: [{ line: 3, column: 5 }],
        path: ["discountRedeemCodeBulkAdd", "codes"],
        extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
      },
    ]);
    expect(response.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { currentlyAvailable: 1990 } });
    expect(emulator.store().bulkCreations.size).toBe(0);
    expect(emulator.graphql(emulator.defaultShop, BULK_ADD, { discountId: discount.id, codes: codes.slice(0, 250) }).errors).toBeUndefined();
  });

  it("answers an unknown discount and an empty list with Shopify's user errors", () => {
    const { emulator, discount } = shopWithDiscount();
    const unknown = query(emulator, BULK_ADD, { discountId: "gid://shopify/DiscountCodeNode/0", codes: [{ code: "X" }] }).discountRedeemCodeBulkAdd;
    expect(unknown).toEqual({ bulkCreation: null, userErrors: [{ field: ["discountId"], message: "Code discount does not exist.", code: "INVALID" }] });
    const empty = query(emulator, BULK_ADD, { discountId: discount.id, codes: [] }).discountRedeemCodeBulkAdd;
    expect(empty.userErrors).toEqual([{ field: ["codes"], message: "Codes can't be blank", code: "BLANK" }]);
  });
});

describe("a discount's codes", () => {
  it("pages through many codes and keeps cursors valid while codes are deleted", () => {
    const { emulator, discount } = shopWithDiscount();
    for (let batch = 0; batch < 3; batch++) {
      const codes = Array.from({ length: 200 }, (_, index) => ({ code: `BULK-${batch}-${index}` }));
      query(emulator, BULK_ADD, { discountId: discount.id, codes });
    }
    emulator.completeJobs();
    const page = (after: string | null) =>
      query(
        emulator,
        "query ($id: ID!, $after: String) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { codesCount { count } codes(first: 250, after: $after) { nodes { id code } pageInfo { hasNextPage endCursor } } } } } }",
        {
          id: discount.id,
          after,
        },
      ).codeDiscountNode.codeDiscount;
    const first = page(null);
    expect(first.codesCount.count).toBe(601);
    const firstIds: string[] = first.codes.nodes.map((node: { id: string }) => node.id);
    const deleted = query(
      emulator,
      "mutation ($discountId: ID!, $ids: [ID!]) { discountCodeRedeemCodeBulkDelete(discountId: $discountId, ids: $ids) { job { done } userErrors { field } } }",
      {
        discountId: discount.id,
        ids: firstIds.slice(-10),
      },
    );
    expect(deleted.discountCodeRedeemCodeBulkDelete).toEqual({ job: { done: true }, userErrors: [] });
    const second = page(first.codes.pageInfo.endCursor);
    const third = page(second.codes.pageInfo.endCursor);
    expect(second.codes.nodes).toHaveLength(250);
    expect(third.codes.nodes).toHaveLength(101);
    expect(third.codes.pageInfo.hasNextPage).toBe(false);
    expect(
      new Set([...firstIds, ...second.codes.nodes.map((node: { id: string }) => node.id), ...third.codes.nodes.map((node: { id: string }) => node.id)]).size,
    ).toBe(601);
  });

  it("deletes codes matching a search", () => {
    const { emulator, discount, add } = shopWithDiscount();
    add(["KEEP-1", "DROP-1", "DROP-2"]);
    emulator.completeJobs();
    query(emulator, 'mutation ($id: ID!) { discountCodeRedeemCodeBulkDelete(discountId: $id, search: "code:DROP*") { userErrors { field } } }', {
      id: discount.id,
    });
    expect(
      emulator
        .store()
        .redeemCodesOf(discount.id)
        .map((code) => code.code),
    ).toEqual(["POOL-0001", "KEEP-1"]);
  });

  it.each([
    [{}, { field: null, message: "Missing expected argument key: 'ids', 'search' or 'saved_search_id'.", code: "MISSING_ARGUMENT" }],
    [
      { ids: [], search: "code:X" },
      { field: null, message: "Only one of 'ids', 'search' or 'saved_search_id' is allowed.", code: "TOO_MANY_ARGUMENTS" },
    ],
    [{ search: "  " }, { field: ["search"], message: "'Search' can't be blank.", code: "BLANK" }],
  ])("validates the deletion selector %o", (selector, error) => {
    const { emulator, discount } = shopWithDiscount();
    const data = query(
      emulator,
      "mutation ($id: ID!, $ids: [ID!], $search: String) { discountCodeRedeemCodeBulkDelete(discountId: $id, ids: $ids, search: $search) { job { id } userErrors { field message code } } }",
      { id: discount.id, ...selector },
    );
    expect(data.discountCodeRedeemCodeBulkDelete).toEqual({ job: null, userErrors: [error] });
  });
});
