// The bundled function runs inside QuickJS (the engine of Shopify's JavaScript runtime) exactly
// as in Node: same output for every fixture, nothing Node-only in the bundle, and a runner that
// fails loudly when the code throws.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleFunction, runFunctionInQuickJS } from "../tools/quickjs-runner";
import type { FunctionBundle } from "../tools/quickjs-runner";
import { benchInput } from "../bench/heavy-cart";
import { TARGETS } from "./support/function-schema";
import { loadFixtures, runInNode } from "./support/fixtures";

const SHOPIFY_BUNDLE_LIMIT = 256 * 1024;
const fixtures = loadFixtures();
const testFunctions = join(import.meta.dirname, "support", "quickjs-test-functions.ts");

let bundle: FunctionBundle;
beforeAll(async () => {
  bundle = await bundleFunction();
});

describe("the bundle", () => {
  it("exports one function per target, named as the CLI expects", () => {
    expect(bundle.exports.sort()).toEqual(Object.values(TARGETS).map((target) => target.exportName).sort());
  });

  it("fits Shopify's 256 KB limit and carries no schema library or Node API", () => {
    expect(bundle.bytes).toBeLessThan(SHOPIFY_BUNDLE_LIMIT);
    expect(bundle.code).not.toMatch(/\bzod\b|require\(|node:|process\.|TextEncoder|graphql/);
  });
});

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("fixture %s in QuickJS", (_name, fixture) => {
  it("gives the Node result, which is the expected output", async () => {
    const run = await runFunctionInQuickJS(bundle, TARGETS[fixture.target].exportName, fixture.input);
    expect(run.output).toEqual(runInNode(fixture.target, fixture.input));
    expect(run.output).toEqual(fixture.expectedOutput);
    expect(run.memoryUsedBytes).toBeGreaterThan(0);
  });
});

describe("large carts", () => {
  it("runs the heavy campaign on 500 lines within the 10 MB limit, as Node does", async () => {
    const input = benchInput(500);
    const run = await runFunctionInQuickJS(bundle, "cartLinesDiscountsGenerateRun", input);
    expect(run.output).toEqual(runInNode("cart.lines.discounts.generate.run", input));
    expect(JSON.stringify(run.output)).toContain("productDiscountsAdd");
    expect(run.logs).toEqual([]);
  });
});

describe("the runner", () => {
  let testBundle: FunctionBundle;
  beforeAll(async () => {
    testBundle = await bundleFunction(testFunctions);
  });

  it("runs any function bundle and returns its output and logs", async () => {
    const run = await runFunctionInQuickJS(testBundle, "echoTotal", { values: [1, 2, 3] });
    expect(run.output).toEqual({ total: 6 });
    expect(run.logs).toEqual(["summing 3 values", "done {\"total\":6}"]);
    expect(Number.isFinite(run.durationMs) && Number.isFinite(run.loadMs)).toBe(true);
  });

  it("fails loudly with the QuickJS error when the function throws", async () => {
    await expect(runFunctionInQuickJS(testBundle, "throwsTypeError", {})).rejects.toThrow(/Function threw inside QuickJS \(invoke\.js\): TypeError: no discount today/);
  });

  it("enforces the 10 MB memory limit", async () => {
    await expect(runFunctionInQuickJS(testBundle, "allocates", { count: 5_000_000 })).rejects.toThrow(/out of memory/);
  });

  it("refuses an export the bundle does not have", async () => {
    await expect(runFunctionInQuickJS(testBundle, "missing", {})).rejects.toThrow('Export "missing" not in bundle (exports: allocates, echoTotal, throwsTypeError)');
  });
});
