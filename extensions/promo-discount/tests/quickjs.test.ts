// Each extension's bundled function runs inside QuickJS (the engine of Shopify's JavaScript
// runtime) exactly as in Node: same output for every fixture, nothing Node-only in the bundles,
// and a runner that fails loudly when the code throws.
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runFunctionInQuickJS, type FunctionBundle } from "shopify-checkout";
import { bundleFunction } from "shopify-checkout/bundle";
import { benchInput } from "../bench/heavy-cart";
import { HEAVY_LINES } from "../bench/scenarios";
import { CAMPAIGN_PROFILES, GUARD_HANDLE } from "../src/config";
import { LINES_TARGET } from "../src/config/profiles";
import { EXTENSIONS_ROOT, TARGETS } from "./support/function-schema";
import { loadFixtures, runFixture, runInNode } from "./support/fixtures";

const SHOPIFY_BUNDLE_LIMIT = 256 * 1024;
const HANDLES = [...CAMPAIGN_PROFILES.map((profile) => profile.handle), GUARD_HANDLE];
const fixtures = loadFixtures();
const testFunctions = join(import.meta.dirname, "support", "quickjs-test-functions.ts");

const bundles = new Map<string, FunctionBundle>();
beforeAll(async () => {
  for (const handle of HANDLES) bundles.set(handle, await bundleFunction(join(EXTENSIONS_ROOT, handle, "src", "index.ts")));
});
const bundleOf = (handle: string) => bundles.get(handle) as FunctionBundle;

describe.each(HANDLES)("the %s bundle", (handle) => {
  it("exports one function per target, named as the CLI expects", () => {
    const exports = handle === GUARD_HANDLE ? [TARGETS[LINES_TARGET].exportName] : Object.values(TARGETS).map((target) => target.exportName);
    expect([...bundleOf(handle).exports].sort()).toEqual(exports.sort());
  });

  it("fits Shopify's 256 KB limit and carries no schema library, admin code or Node API", () => {
    const { bytes, code } = bundleOf(handle);
    expect(bytes).toBeLessThan(SHOPIFY_BUNDLE_LIMIT);
    expect(code).not.toMatch(/\bzod\b|require\(|node:|process\.|Buffer|TextEncoder|graphql/);
    // The admin's config module (schemas, compiler, explanations) stays out of the function.
    expect(code).not.toMatch(/compileCampaign|validateCampaignConfig|explainMiss/);
  });
});

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("fixture %s in QuickJS", (_name, fixture) => {
  it("gives the Node result and logs, and the output is the expected one", async () => {
    const run = await runFunctionInQuickJS(bundleOf(fixture.function), TARGETS[fixture.target].exportName, fixture.input);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(run.output).toEqual(runFixture(fixture));
    expect(run.logs).toEqual(error.mock.calls.map((args) => args.join(" ")));
    error.mockRestore();
    expect(run.output).toEqual(fixture.expectedOutput);
    expect(run.memoryUsedBytes).toBeGreaterThan(0);
  });
});

describe("large carts", () => {
  it("runs the heavy campaign on 500 lines within the 10 MB limit, as Node does", async () => {
    const input = benchInput(500);
    const run = await runFunctionInQuickJS(bundleOf(HEAVY_LINES.handle), TARGETS[LINES_TARGET].exportName, input);
    expect(run.output).toEqual(runInNode(HEAVY_LINES.handle, LINES_TARGET, input));
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
    expect(run.logs).toEqual(["summing 3 values", 'done {"total":6}']);
    expect(Number.isFinite(run.durationMs) && Number.isFinite(run.loadMs)).toBe(true);
  });

  it("fails loudly with the QuickJS error when the function throws", async () => {
    await expect(runFunctionInQuickJS(testBundle, "throwsTypeError", {})).rejects.toThrow(
      /Function threw inside QuickJS \(invoke\.js\): TypeError: no discount today/,
    );
  });

  it("enforces the 10 MB memory limit", async () => {
    await expect(runFunctionInQuickJS(testBundle, "allocates", { count: 5_000_000 })).rejects.toThrow(/out of memory/);
  });

  it("refuses an export the bundle does not have", async () => {
    await expect(runFunctionInQuickJS(testBundle, "missing", {})).rejects.toThrow(
      'Export "missing" not in bundle (exports: allocates, echoTotal, throwsTypeError)',
    );
  });
});
