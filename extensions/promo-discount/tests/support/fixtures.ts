import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { FunctionTarget } from "../../tools/quickjs-runner";
import { EXTENSION_ROOT, TARGETS } from "./function-schema";
import { cartDeliveryOptionsDiscountsGenerateRun, cartLinesDiscountsGenerateRun } from "../../src/index";
import type { RunInput } from "../../src/input";

export interface Fixture {
  name: string;
  description: string;
  target: FunctionTarget;
  input: RunInput;
  expectedOutput: unknown;
}

const FIXTURE_DIR = join(EXTENSION_ROOT, "tests", "fixtures");

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ""), ...JSON.parse(readFileSync(join(FIXTURE_DIR, file), "utf8")) as Omit<Fixture, "name"> }));
}

/** The function as Shopify calls it, in Node. */
export function runInNode(target: FunctionTarget, input: unknown): unknown {
  const run = TARGETS[target].exportName === "cartLinesDiscountsGenerateRun" ? cartLinesDiscountsGenerateRun : cartDeliveryOptionsDiscountsGenerateRun;
  return run(input as RunInput);
}
