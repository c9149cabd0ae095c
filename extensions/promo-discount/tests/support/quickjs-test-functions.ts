// Tiny functions that exercise the QuickJS runner itself.
export function echoTotal(input: { values: number[] }) {
  console.info(`summing ${input.values.length} values`);
  const output = { total: input.values.reduce((sum, value) => sum + value, 0) };
  console.error("done", output);
  return output;
}

export function throwsTypeError(): never {
  throw new TypeError("no discount today");
}

export function allocates(input: { count: number }) {
  const items: { index: number; label: string }[] = [];
  for (let index = 0; index < input.count; index++) items.push({ index, label: `item ${index}` });
  return { length: items.length };
}
