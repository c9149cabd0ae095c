// Runs Shopify Function JavaScript the way Shopify does, offline: a bundle built like the Shopify
// CLI builds it (./bundle.ts) executed inside QuickJS, the engine Shopify's JavaScript runtime
// (Javy) is built on, with Shopify's 10 MB memory limit. Generic on purpose: PromoGuard's
// functions, the benchmark's baseline and the emulator's test functions all go through it. It
// needs no bundler, so the app's production build runs prebuilt bundles with it.
import { getQuickJS, shouldInterruptAfterDeadline } from "quickjs-emscripten";
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten";

export interface FunctionBundle {
  /** An IIFE script; evaluating it defines the global `__shopifyFunctionExports`. */
  code: string;
  bytes: number;
  /** The entry file's export names (camelCase, as the source declares them). */
  exports: string[];
}

export interface FunctionRun {
  output: unknown;
  /**
   * Peak QuickJS heap observed during the run: sampled once the input is parsed, at each of
   * QuickJS's interrupt polls, and around writeOutput's serialization.
   */
  memoryUsedBytes: number;
  /**
   * CPU time of evaluating the bundle plus running the export, as Shopify does on every
   * invocation. CPU rather than wall-clock time, so other processes on the machine do not
   * inflate it; time spent sampling the heap is left out.
   */
  durationMs: number;
  /** The part of durationMs spent evaluating the bundle; Javy parses to bytecode at build time. */
  loadMs: number;
  /** What the function wrote with console.* (Shopify shows these as the run's logs). */
  logs: string[];
}

export const QUICKJS_MEMORY_LIMIT_BYTES = 10 * 1024 * 1024;
/** A runaway loop must fail the test run, not hang it. */
const RUN_DEADLINE_MS = 10_000;
/** The global a bundle defines (./bundle.ts), holding one function per export. */
export const FUNCTION_EXPORTS_GLOBAL = "__shopifyFunctionExports";

/** Runs one export of a bundle inside QuickJS (quickjs-emscripten, 10 MB memory limit) with the given input JSON. */
export async function runFunctionInQuickJS(bundle: FunctionBundle, exportName: string, input: unknown): Promise<FunctionRun> {
  if (!bundle.exports.includes(exportName)) {
    throw new Error(`Export "${exportName}" not in bundle (exports: ${bundle.exports.join(", ")})`);
  }
  const inputJson = JSON.stringify(input);
  if (inputJson === undefined) throw new Error("Function input must be JSON-serializable");

  const quickjs = await getQuickJS();
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(QUICKJS_MEMORY_LIMIT_BYTES);
  const vm = runtime.newContext();
  const heap = new HeapSampler(vm);
  const pastDeadline = shouldInterruptAfterDeadline(Date.now() + RUN_DEADLINE_MS);
  runtime.setInterruptHandler((interrupted) => {
    heap.sample();
    return pastDeadline(interrupted);
  });
  const logs: string[] = [];
  const written: { json?: string } = {};
  try {
    installConsole(vm, logs);
    installShopifyFunctionIO(vm, inputJson, written, heap);

    const started = cpuMs();
    evalOrThrow(vm, bundle.code, "function.js");
    const loaded = cpuMs();
    evalOrThrow(vm, `${FUNCTION_EXPORTS_GLOBAL}[${JSON.stringify(exportName)}]();`, "invoke.js");
    const finished = cpuMs();

    if (written.json === undefined) throw new Error(`Export "${exportName}" returned without writing an output`);
    return {
      output: JSON.parse(written.json),
      memoryUsedBytes: heap.peakBytes,
      durationMs: finished - started - heap.samplingMs,
      loadMs: loaded - started,
      logs,
    };
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}

/** The process's CPU time: QuickJS runs synchronously on this thread, so this is the run's. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** QuickJS frees most objects by reference counting the moment they die, so the heap at the end
 * says little; the peak has to be sampled while the function runs. */
class HeapSampler {
  peakBytes = 0;
  samplingMs = 0;
  constructor(private readonly vm: QuickJSContext) {}

  sample(): void {
    const started = cpuMs();
    const usage = this.vm.runtime.computeMemoryUsage();
    const { memory_used_size } = this.vm.dump(usage) as { memory_used_size: number };
    usage.dispose();
    this.peakBytes = Math.max(this.peakBytes, memory_used_size);
    this.samplingMs += cpuMs() - started;
  }
}

function evalOrThrow(vm: QuickJSContext, code: string, filename: string): void {
  const result = vm.evalCode(code, filename);
  if (result.error) {
    const error = vm.dump(result.error) as { name?: string; message?: string; stack?: string } | string;
    result.error.dispose();
    const described = typeof error === "object" && error !== null ? `${error.name ?? "Error"}: ${error.message ?? ""}\n${error.stack ?? ""}` : String(error);
    throw new Error(`Function threw inside QuickJS (${filename}): ${described}`);
  }
  result.value.dispose();
}

function installConsole(vm: QuickJSContext, logs: string[]): void {
  const consoleObject = vm.newObject();
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    const method = vm.newFunction(level, (...args: QuickJSHandle[]) => {
      logs.push(args.map((arg) => (vm.typeof(arg) === "string" ? vm.getString(arg) : JSON.stringify(vm.dump(arg)))).join(" "));
    });
    vm.setProp(consoleObject, level, method);
    method.dispose();
  }
  vm.setProp(vm.global, "console", consoleObject);
  consoleObject.dispose();
}

/** Shopify hands the input over as a parsed object and serializes whatever is written as JSON. */
function installShopifyFunctionIO(vm: QuickJSContext, inputJson: string, written: { json?: string }, heap: HeapSampler): void {
  const io = vm.newObject();
  const jsonMethod = (name: "parse" | "stringify") => vm.getProp(vm.global, "JSON").consume((json) => vm.getProp(json, name));
  const readInput = vm.newFunction("readInput", () => {
    const parse = jsonMethod("parse");
    const jsonText = vm.newString(inputJson);
    const parsed = vm.callFunction(parse, vm.undefined, jsonText);
    jsonText.dispose();
    parse.dispose();
    heap.sample();
    return parsed;
  });
  const writeOutput = vm.newFunction("writeOutput", (value: QuickJSHandle) => {
    if (written.json !== undefined) throw new Error("ShopifyFunction.writeOutput was called twice");
    heap.sample();
    const stringify = jsonMethod("stringify");
    const serialized = vm.callFunction(stringify, vm.undefined, value);
    stringify.dispose();
    heap.sample();
    if (serialized.error) return serialized;
    const json = serialized.value.consume((handle) => (vm.typeof(handle) === "string" ? vm.getString(handle) : undefined));
    if (json === undefined) throw new Error("ShopifyFunction.writeOutput was given a value JSON cannot represent");
    written.json = json;
  });
  vm.setProp(io, "readInput", readInput);
  vm.setProp(io, "writeOutput", writeOutput);
  vm.setProp(vm.global, "ShopifyFunction", io);
  readInput.dispose();
  writeOutput.dispose();
  io.dispose();
}
