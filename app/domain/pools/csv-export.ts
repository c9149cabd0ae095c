// CSV for spreadsheets: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.

// A spreadsheet treats a cell starting with one of these as a formula (tab and carriage return
// can hide one after a leading blank); a leading apostrophe makes it text again (OWASP's advice).
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

export function csvCell(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_TRIGGERS.has(text[0])) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (string | number | Date | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * A CSV download produced as the client reads it: one batch of rows is read only when the
 * previous one has been sent, so memory stays flat however large the export.
 */
export function csvStream<T>(header: string[], batches: AsyncIterable<T[]>, toCells: (row: T) => (string | number | Date | null)[]) {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      const { value, done } = await iterator.next();
      if (done) return controller.close();
      controller.enqueue(encoder.encode(value.map((row) => csvLine(toCells(row))).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
