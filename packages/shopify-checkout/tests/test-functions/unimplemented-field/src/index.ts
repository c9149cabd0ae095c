// Emulator test function: never reached, since building its input fails.
export function cartLinesDiscountsGenerateRun() {
  return { operations: [] };
}
