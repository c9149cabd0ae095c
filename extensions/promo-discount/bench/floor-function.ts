// The floor: a function that reads the same input and does nothing. Shopify's decoder builds the
// whole input before any code runs, so no function reading that input can cost less.
export function cartLinesDiscountsGenerateRun(): { operations: never[] } {
  return { operations: [] };
}

export function cartDeliveryOptionsDiscountsGenerateRun(): { operations: never[] } {
  return { operations: [] };
}
