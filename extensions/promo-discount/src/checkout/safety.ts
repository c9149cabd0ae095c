// A discount function must never fail a checkout: whatever goes wrong inside a run (a config
// or input this version does not understand, a bug) ends as a valid "no discount" result.

export function neverThrow<Input, Output>(targetName: string, run: (input: Input) => Output, noDiscount: () => Output) {
  return (input: Input): Output => {
    try {
      return run(input);
    } catch (error) {
      // One line per run, never per cart line: logs count against the function's limits.
      console.error(`PromoGuard ${targetName}: no discount (${error instanceof Error ? error.message : String(error)})`);
      return noDiscount();
    }
  };
}
