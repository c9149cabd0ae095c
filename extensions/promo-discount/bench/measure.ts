// Counts the functions' WebAssembly instructions the way Shopify counts them, with the shared
// function-cost tool (Shopify's own Javy plugin, wasmtime fuel): every scenario at each cart size,
// next to the floor (a function that only reads the same input) and the limit.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DELIVERY_TARGET } from "../src/config/profiles";
import { EXTENSIONS } from "./scenarios";
import type { Scenario } from "./scenarios";

export const CART_SIZES = [1, 50, 200, 500] as const;
export const COUNT_TOOL = resolve(EXTENSIONS, "..", "..", "shared", "tools", "function-cost", "count.sh");
const FLOOR_FUNCTION = join(import.meta.dirname, "floor-function.ts");

/** Shopify's instruction limit for a cart of `lines` lines: 11M up to 200, scaled linearly above. */
export function instructionLimit(lines: number): number {
  return Math.round(11_000_000 * Math.min(10, Math.max(1, lines / 200)));
}

export interface Measurement {
  scenario: Scenario;
  lines: number;
  instructions: number;
  floor: number;
  limit: number;
  inputBytes: number;
}

function exportName(scenario: Scenario): string {
  return scenario.target === DELIVERY_TARGET ? "cartDeliveryOptionsDiscountsGenerateRun" : "cartLinesDiscountsGenerateRun";
}

/** count.sh in batch mode: one count per input file, in order. */
function count(entry: string, inputs: string[], exported: string): number[] {
  // The tool reads MODE (its counting mode); test runners set MODE=test for their own purposes.
  const output = execFileSync(COUNT_TOOL, [entry, ...inputs, "--", exported], {
    encoding: "utf8",
    cwd: resolve(EXTENSIONS, ".."),
    env: { ...process.env, MODE: "region" },
  });
  const counts = new Map(
    output
      .trim()
      .split("\n")
      .map((line) => {
        const [file, value] = line.split("\t");
        return [file, Number(value)] as const;
      }),
  );
  return inputs.map((file) => {
    const value = counts.get(file);
    if (value === undefined || !Number.isFinite(value)) throw new Error(`count.sh printed no count for ${file}:\n${output}`);
    return value;
  });
}

export function measure(scenarios: readonly Scenario[], sizes: readonly number[] = CART_SIZES): Measurement[] {
  if (!existsSync(COUNT_TOOL)) throw new Error(`The instruction counter is not at ${COUNT_TOOL} (../shared/tools/function-cost)`);
  const directory = mkdtempSync(join(tmpdir(), "promoguard-budget-"));
  try {
    const measurements: Measurement[] = [];
    // One batch per function entry and export: the tool sets up once and counts every input.
    const groups = new Map<string, { scenario: Scenario; lines: number; file: string; bytes: number }[]>();
    scenarios.forEach((scenario, index) => {
      for (const lines of sizes) {
        const input = JSON.stringify(scenario.input(lines));
        const file = join(directory, `${index}-${lines}.json`);
        writeFileSync(file, input);
        const key = `${scenario.handle}|${exportName(scenario)}`;
        groups.set(key, [...(groups.get(key) ?? []), { scenario, lines, file, bytes: Buffer.byteLength(input) }]);
      }
    });
    const byExport = new Map<string, string[]>();
    for (const [key, runs] of groups) {
      const [handle, exported] = key.split("|");
      const counted = count(
        join(EXTENSIONS, handle, "src", "index.ts"),
        runs.map((run) => run.file),
        exported,
      );
      byExport.set(exported, [...(byExport.get(exported) ?? []), ...runs.map((run) => run.file)]);
      runs.forEach((run, index) =>
        measurements.push({
          scenario: run.scenario,
          lines: run.lines,
          instructions: counted[index],
          floor: 0,
          limit: instructionLimit(run.lines),
          inputBytes: run.bytes,
        }),
      );
    }
    const floors = new Map<string, number>();
    for (const [exported, files] of byExport) count(FLOOR_FUNCTION, files, exported).forEach((value, index) => floors.set(files[index], value));
    for (const [, runs] of groups) {
      for (const run of runs) {
        const measurement = measurements.find((candidate) => candidate.scenario === run.scenario && candidate.lines === run.lines);
        if (measurement) measurement.floor = floors.get(run.file) ?? 0;
      }
    }
    return scenarios.flatMap((scenario) =>
      sizes.map((lines) => measurements.find((candidate) => candidate.scenario === scenario && candidate.lines === lines)!),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
