// Runs every active discount's function the way checkout does: automatic discounts always, code
// discounts when one of their codes was entered; the lines target for PRODUCT/ORDER discounts and
// the delivery target for SHIPPING ones. Each run gets its input built from its own query and
// variables, executes inside QuickJS, and must return a valid result or the checkout fails loudly.
import { runFunctionInQuickJS } from "../../../extensions/promo-discount/tools/quickjs-runner";
import { buildFunctionInput, inputVariables } from "./build-input";
import { normalizeOperations, type RunEffects } from "./candidates";
import { validateFunctionOutput } from "./function-output";
import type { ShopLocalTime } from "./local-time";
import type { PreparedCart } from "./prepared-cart";
import type { ActiveDiscount, DiscountClass, FunctionRunRecord, FunctionTarget } from "./types";

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

export async function runDiscountFunctions(
  discount: ActiveDiscount,
  triggeringCode: string | null,
  context: RunContext,
): Promise<DiscountRuns> {
  const fn = discount.function;
  const variables = inputVariables(fn, discount);
  const runs: DiscountRuns["runs"] = [];
  for (const [target, config] of fn.targets) {
    if (!TARGET_CLASSES[target].some((discountClass) => discount.discountClasses.includes(discountClass))) continue;
    const who = `Function ${fn.handle} (${target}) for discount ${discount.id}`;
    const input = buildFunctionInput(
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
    const run = await runFunctionInQuickJS(fn.bundle, config.exportName, input);
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
