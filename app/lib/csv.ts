// CSV for spreadsheets, written by csv-stringify: RFC 4180 quoting, CRLF line ends, and no cell a
// spreadsheet would run as a formula.
import { stringify, type Options } from "csv-stringify/sync";

export type CsvCell = string | number | Date | null | undefined;

// A spreadsheet treats a cell starting with one of these as a formula (tab and carriage return
// can hide one after a leading blank); a leading apostrophe makes it text again (OWASP's advice).
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

const asText = (text: string) => (FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text);

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

const BASE: Options = { record_delimiter: "\r\n", quoted_match: /[\r\n]/ };

/** Every cell is text: a number or date starting like a formula ("-5") is neutralised too. */
const TEXT: Options = { ...BASE, cast: { string: asText, number: (value) => asText(String(value)), date: (value) => asText(value.toISOString()) } };

/**
 * Figures stay numbers a spreadsheet can add up: a finite number, or text that is a plain decimal
 * ("-12.50"), is written as it is; an infinite number is an empty cell; other text as in TEXT.
 */
const FIGURES: Options = {
  ...TEXT,
  cast: {
    ...TEXT.cast,
    string: (value) => (PLAIN_NUMBER.test(value) ? value : asText(value)),
    number: (value) => (Number.isFinite(value) ? String(value) : ""),
  },
};

export type CsvStyle = "text" | "figures";

const OPTIONS: Record<CsvStyle, Options> = { text: TEXT, figures: FIGURES };

/** Rows as CSV lines, each ending in CRLF. */
export function csvLines(rows: CsvCell[][], style: CsvStyle = "text"): string {
  return rows.length === 0 ? "" : stringify(rows, OPTIONS[style]);
}

export function csvLine(cells: CsvCell[], style: CsvStyle = "text"): string {
  return csvLines([cells], style);
}

/** One cell as it appears in a line (quoted when it must be). */
export function csvCell(value: CsvCell, style: CsvStyle = "text"): string {
  return csvLine([value], style).slice(0, -2);
}

/**
 * A CSV download produced as the client reads it: one batch of rows is read only when the
 * previous one has been sent, so memory stays flat however large the export.
 */
export function csvStream<T>(header: string[], batches: AsyncIterable<T[]> | Iterable<T[]>, toCells: (row: T) => CsvCell[], style: CsvStyle = "text") {
  const encoder = new TextEncoder();
  const iterator = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(header, style)));
        return;
      }
      const { value, done } = await iterator.next();
      if (done) return controller.close();
      controller.enqueue(encoder.encode(csvLines(value.map(toCells), style)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** An array in batches of `size` rows. */
export function* inBatches<T>(rows: T[], size = 1000): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
