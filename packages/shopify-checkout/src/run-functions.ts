// Runs every active discount's function the way checkout does: automatic discounts always, code
// discounts when one of their codes was entered; the lines target for PRODUCT/ORDER discounts and
// the delivery target for SHIPPING ones. Each run gets its input built from its own query and
// variables, executes inside QuickJS, and must return a valid result or the checkout fails loudly.
import { runFunctionInQuickJS } from "./quickjs";
import { buildFunctionInput, inputVariables } from "./build-input";
import { INPUT_MAX_BYTES, OUTPUT_MAX_BYTES, limitScale } from "./query-limits";
import { normalizeOperations, type RunEffects } from "./candidates";
import { validateFunctionOutput } from "./function-output";
import { matchEnteredCodes, type CodeOwner, type EnteredCodes } from "./entered-codes";
import type { FunctionTargetConfig, ShopifyFunctionConfig } from "./function-extension";
import { shopLocalTime, type ShopLocalTime } from "./local-time";
import { prepareCart, type PreparedCart } from "./prepared-cart";
import type { ActiveDiscount, Cart, DiscountClass, FunctionRunRecord, FunctionTarget, SimulateCheckoutOptions } from "./types";

export interface DiscountRuns {
  discount: ActiveDiscount;
  triggeringCode: string | null;
  runs: { record: FunctionRunRecord; effects: RunEffects }[];
}

const TARGET_CLASSES: Record<FunctionTarget, DiscountClass[]> = {
  "cart.lines.discounts.generate.run": ["PRODUCT", "ORDER"],
  "cart.delivery-options.discounts.generate.run": ["SHIPPING"],
};

export interface RunContext {
  prepared: PreparedCart;
  localTime: ShopLocalTime;
  /** The entered codes that belong to active code discounts, as functions see them. */
  enteredDiscountCodes: { code: string; rejectable: boolean }[];
}

/** A discount as far as building its function's input goes (its function need not be bundled). */
export type InputDiscount = Omit<ActiveDiscount, "function"> & { function: ShopifyFunctionConfig };

/** What every run of one checkout shares: the prepared cart, the shop's local time, the entered codes. */
export function checkoutContext<D extends CodeOwner>(
  cart: Cart,
  discounts: D[],
  options: SimulateCheckoutOptions,
): { context: RunContext; entered: EnteredCodes<D | CodeOwner> } {
  const external: CodeOwner[] = (options.external ?? []).map(({ id, codes }) => ({ id, codes, method: "CODE" }));
  const entered = matchEnteredCodes<D | CodeOwner>(cart.enteredDiscountCodes, [...discounts, ...external]);
  const context: RunContext = {
    prepared: prepareCart(cart, options.shop),
    localTime: shopLocalTime(options.now ?? new Date(), options.shop.ianaTimezone),
    enteredDiscountCodes: [...entered.ownerOf.keys()].map((code) => ({ code, rejectable: true })),
  };
  return { context, entered };
}

function inputFor(
  discount: InputDiscount,
  config: FunctionTargetConfig,
  triggeringCode: string | null,
  context: RunContext,
  variables: Record<string, unknown>,
) {
  return buildFunctionInput(
    config,
    {
      prepared: context.prepared,
      discount,
      localTime: context.localTime,
      triggeringDiscountCode: triggeringCode,
      enteredDiscountCodes: context.enteredDiscountCodes,
    },
    variables,
  );
}

/**
 * The input Shopify gives `discount`'s function for `target` when this cart checks out with
 * `discounts` active (by default the discount alone): built by executing the function's own
 * input query with its variables. Benchmarks and the cart simulator feed functions with it.
 */
export function functionInput(
  cart: Cart,
  discount: InputDiscount,
  target: FunctionTarget,
  options: SimulateCheckoutOptions,
  discounts: InputDiscount[] = [discount],
): Record<string, unknown> {
  const config = discount.function.targets.get(target);
  if (!config) throw new Error(`Function ${discount.function.handle} has no ${target} target`);
  const { context, entered } = checkoutContext(cart, discounts, options);
  return inputFor(discount, config, entered.triggerOf.get(discount) ?? null, context, inputVariables(discount.function, discount));
}

export async function runDiscountFunctions(discount: ActiveDiscount, triggeringCode: string | null, context: RunContext): Promise<DiscountRuns> {
  const fn = discount.function;
  const variables = inputVariables(fn, discount);
  const runs: DiscountRuns["runs"] = [];
  for (const [target, config] of fn.targets) {
    if (!TARGET_CLASSES[target].some((discountClass) => discount.discountClasses.includes(discountClass))) continue;
    const who = `Function ${fn.handle} (${target}) for discount ${discount.id}`;
    const input = inputFor(discount, config, triggeringCode, context, variables);
    const scale = limitScale(context.prepared.lines.length);
    const inputBytes = Buffer.byteLength(JSON.stringify(input), "utf8");
    if (inputBytes > INPUT_MAX_BYTES * scale)
      throw new Error(`${who}: the input is ${inputBytes} bytes; Shopify allows ${INPUT_MAX_BYTES * scale} for ${context.prepared.lines.length} lines`);
    const run = await runFunctionInQuickJS(fn.bundle, config.exportName, input);
    const outputBytes = Buffer.byteLength(JSON.stringify(run.output), "utf8");
    if (outputBytes > OUTPUT_MAX_BYTES * scale) throw new Error(`${who}: the output is ${outputBytes} bytes; Shopify allows ${OUTPUT_MAX_BYTES * scale}`);
    const effects = normalizeOperations(validateFunctionOutput(target, run.output, who), discount, context.prepared, who);
    runs.push({
      record: {
        discountId: discount.id,
        target,
        exportName: config.exportName,
        input,
        output: run.output,
        logs: run.logs,
        memoryUsedBytes: run.memoryUsedBytes,
        durationMs: run.durationMs,
        warnings: effects.warnings,
      },
      effects,
    });
  }
  return { discount, triggeringCode, runs };
}
