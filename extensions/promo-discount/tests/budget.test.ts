// Shopify stops a function run at 11M WebAssembly instructions (scaled above 200 lines). The
// instructions are counted as Shopify counts them, with ../shared/tools/function-cost (Shopify's
// Javy plugin, wasmtime fuel). Counts are deterministic, so each scenario is held to its hard line
// at every cart size; `npm run bench:function` prints the same figures with the goals.
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { COUNT_TOOL, measure } from "../bench/measure";
import type { Measurement } from "../bench/measure";
import { HEAVY_LINES, SCENARIOS } from "../bench/scenarios";

const available = existsSync(COUNT_TOOL);
if (!available) console.warn(`Instruction budget not checked: the counter is not at ${COUNT_TOOL} (../shared/tools/function-cost). CI always has it.`);

describe.skipIf(!available)("the discount functions' instruction budget", () => {
  let measurements: Measurement[] = [];
  beforeAll(() => {
    measurements = measure(SCENARIOS);
  }, 120_000);

  it("keeps every scenario under its hard line at 1, 50, 200 and 500 lines", () => {
    const over = measurements
      .filter(({ scenario, lines, instructions, limit }) => {
        const line = scenario.hardLine(lines);
        return line !== null && instructions > line * limit;
      })
      .map(
        ({ scenario, lines, instructions, limit }) =>
          `${scenario.name} at ${lines} lines: ${(instructions / 1e6).toFixed(2)}M, ${((100 * instructions) / limit).toFixed(0)}% of the limit`,
      );
    expect(over).toEqual([]);
  });

  it("runs the heavy configuration on one line in at most 2.0M instructions", () => {
    const oneLine = measurements.find((measurement) => measurement.scenario === HEAVY_LINES && measurement.lines === 1);
    expect(oneLine?.instructions).toBeLessThanOrEqual(2_000_000);
  });

  it("costs the guard at most 1.0M on a one-line cart with no code entered", () => {
    const guard = measurements.find((measurement) => measurement.scenario.name === "the guard, no code entered" && measurement.lines === 1);
    expect(guard?.instructions).toBeLessThanOrEqual(1_000_000);
  });

  it("measures every function against the cost of reading its input alone", () => {
    // The floor is what any function reading that input pays; a count below it means the wrong thing was measured.
    for (const { scenario, lines, instructions, floor } of measurements) expect(instructions, `${scenario.name} at ${lines} lines`).toBeGreaterThan(floor);
  });
});
