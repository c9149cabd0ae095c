// The offline checkers the contract and fixture tests rely on catch what Shopify would refuse.
import { describe, expect, it } from "vitest";
import { LINES_TARGET } from "../src/config/profiles";
import { inputProblems, outputProblems, readQuery, variableProblems } from "./support/function-schema";
import { campaign, campaignInput, cartLine, compiled } from "./support/inputs";

describe("outputProblems", () => {
  const candidate = { targets: [{ cartLine: { id: "gid://shopify/CartLine/1" } }], value: { percentage: { value: "10" } }, message: "10% off" };

  it("accepts a well-formed output", () => {
    expect(outputProblems(LINES_TARGET, { operations: [{ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST" } }] })).toEqual([]);
  });

  it.each([
    [
      "an unknown field",
      { operations: [{ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST", extra: 1 } }] },
      "output.operations[0].productDiscountsAdd.extra: not a field of ProductDiscountsAddOperation",
    ],
    [
      "two operations in one",
      {
        operations: [
          { productDiscountsAdd: { candidates: [], selectionStrategy: "FIRST" }, orderDiscountsAdd: { candidates: [], selectionStrategy: "FIRST" } },
        ],
      },
      "output.operations[0]: CartOperation takes exactly one of productDiscountsAdd, orderDiscountsAdd, enteredDiscountCodesAccept, enteredDiscountCodesReject",
    ],
    [
      "a number where a Decimal string goes",
      { operations: [{ productDiscountsAdd: { candidates: [{ ...candidate, value: { percentage: { value: 10 } } }], selectionStrategy: "FIRST" } }] },
      "output.operations[0].productDiscountsAdd.candidates[0].value.percentage.value: 10 is not a valid Decimal",
    ],
    [
      "an unknown enum value",
      { operations: [{ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "BEST" } }] },
      'output.operations[0].productDiscountsAdd.selectionStrategy: "BEST" is not a ProductDiscountSelectionStrategy',
    ],
    [
      "a missing required field",
      { operations: [{ enteredDiscountCodesReject: { codes: [{ code: "A" }] } }] },
      "output.operations[0].enteredDiscountCodesReject.message: required",
    ],
  ])("refuses %s", (_case, output, problem) => {
    expect(outputProblems(LINES_TARGET, output)).toContain(problem);
  });
});

describe("inputProblems", () => {
  // A campaign that reads quantities and prices (its minimum), nothing else of the lines.
  const config = campaign({ minimumSubtotal: "5.00" });
  const { functionHandle: handle, variables } = compiled(config);
  const input = campaignInput(config, { lines: [cartLine(1)] }) as unknown as Record<string, unknown>;
  type Cart = { l: Record<string, unknown>[] };
  const withLine = (line: Record<string, unknown>) => ({ ...input, c: { ...(input.c as Cart), l: [line] } });
  const [line] = (input.c as Cart).l;

  it("accepts what the emulator builds with the query and its variables", () => {
    expect(inputProblems(handle, LINES_TARGET, input, variables)).toEqual([]);
  });

  it("refuses an input that misses, adds or mistypes selected fields", () => {
    const { r: _dropped, ...missing } = input;
    expect(inputProblems(handle, LINES_TARGET, missing, variables)).toEqual(["input.r: missing"]);
    expect(inputProblems(handle, LINES_TARGET, { ...input, extra: true }, variables)).toEqual(["input.extra: not selected by the query"]);
    expect(inputProblems(handle, LINES_TARGET, withLine({ ...line, q: "1" }), variables)).toEqual(['input.c.l[0].q: "1" is not a valid Int']);
  });

  it("follows @include: a field is there exactly when its flag is on", () => {
    expect(inputProblems(handle, LINES_TARGET, input, { ...variables, withQuantity: false })).toEqual(["input.c.l[0].q: not selected by the query"]);
    const { c: _price, ...unpriced } = line;
    expect(inputProblems(handle, LINES_TARGET, withLine(unpriced), variables)).toEqual(["input.c.l[0].c: missing"]);
    expect(inputProblems(handle, LINES_TARGET, input, { ...variables, withPrice: undefined })).toContain("@include: $withPrice is not a Boolean");
  });

  it("knows a custom product line (no ProductVariant fields) from a broken variant", () => {
    expect(inputProblems(handle, LINES_TARGET, withLine({ ...line, m: {} }), variables)).toEqual([]);
    expect(inputProblems(handle, LINES_TARGET, withLine({ ...line, m: { s: "SKU" } }), variables)).toEqual(["input.c.l[0].m.s: not selected by the query"]);
  });

  it("knows the query's operation kind", () => {
    expect(readQuery(handle, LINES_TARGET).definitions[0].kind).toBe("OperationDefinition");
  });
});

describe("variableProblems", () => {
  const { variables } = compiled(campaign());

  it("refuses variable values Shopify could not use", () => {
    expect(variableProblems("promo-discount", LINES_TARGET, variables)).toEqual([]);
    expect(variableProblems("promo-discount", LINES_TARGET, { ...variables, includedCollectionIds: "gid://shopify/Collection/1" })).toEqual([
      "variables.includedCollectionIds: expected a list",
    ]);
    expect(variableProblems("promo-discount", LINES_TARGET, { ...variables, withPrice: "yes" })).toEqual(['variables.withPrice: "yes" is not a valid Boolean']);
    expect(variableProblems("promo-discount", LINES_TARGET, { ...variables, hoursFrom: "9am" })).toEqual([
      'variables.hoursFrom: "9am" is not a valid TimeWithoutTimezone',
    ]);
    const { customerTags: _left, ...missing } = variables;
    expect(variableProblems("promo-discount", LINES_TARGET, missing)).toEqual(["variables.customerTags: required"]);
  });
});
