import { GraphQLError } from "graphql";

// Shopify's search syntax (shopify.dev "Shopify API search syntax"): terms joined by spaces
// (AND), OR, NOT or a leading "-", parentheses, field:value with the comparators :< :<= :> :>=,
// quoted phrases, a trailing * for prefixes and field:* for "has any value".

export type Comparator = ":" | "<" | "<=" | ">" | ">=";

export interface Comparison {
  comparator: Comparator;
  value: string;
}

type Expression =
  { kind: "term"; field: string | null; comparison: Comparison } | { kind: "and" | "or"; operands: Expression[] } | { kind: "not"; operand: Expression };

/** How one searchable field of a resource matches a comparison. */
export type FieldMatcher<T> = (item: T, comparison: Comparison) => boolean;

export interface SearchSpec<T> {
  fields: Record<string, FieldMatcher<T>>;
  /** Texts a bare word (no field) is looked for in. */
  freeText: (item: T) => (string | null)[];
}

export interface SearchWarning {
  field: string;
  message: string;
  code: string;
}

/**
 * Items matching a query, plus Shopify's warnings: a field the resource cannot be searched by
 * is ignored with "Invalid search field for this query.", exactly as Shopify does.
 */
export function search<T>(items: Iterable<T>, query: string | null | undefined, spec: SearchSpec<T>): { items: T[]; warnings: SearchWarning[] } {
  const all = [...items];
  if (!query?.trim()) return { items: all, warnings: [] };
  const expression = parse(query);
  const warnings: SearchWarning[] = [];
  for (const field of termFields(expression)) {
    if (!(field in spec.fields)) warnings.push({ field, message: "Invalid search field for this query.", code: "invalid_field" });
  }
  return { items: all.filter((item) => matches(item, expression, spec)), warnings };
}

function matches<T>(item: T, expression: Expression, spec: SearchSpec<T>): boolean {
  switch (expression.kind) {
    case "and":
      return expression.operands.every((operand) => matches(item, operand, spec));
    case "or":
      return expression.operands.some((operand) => matches(item, operand, spec));
    case "not":
      return !matches(item, expression.operand, spec);
    case "term": {
      if (expression.field === null) return matchesText(spec.freeText(item), expression.comparison);
      const matcher = spec.fields[expression.field];
      return matcher ? matcher(item, expression.comparison) : true;
    }
  }
}

function termFields(expression: Expression): string[] {
  if (expression.kind === "term") return expression.field === null ? [] : [expression.field];
  if (expression.kind === "not") return termFields(expression.operand);
  return expression.operands.flatMap(termFields);
}

// ---- matchers shared by the resources -------------------------------------------------------

const isWildcard = (value: string) => value === "*";

/** Case-insensitive text: contains for free text and titles, "abc*" for prefixes, "*" for presence. */
export function matchesText(values: (string | null)[], { value }: Comparison, mode: "contains" | "exact" = "contains"): boolean {
  const present = values.filter((candidate): candidate is string => candidate !== null && candidate !== "");
  if (isWildcard(value)) return present.length > 0;
  const wanted = value.toLowerCase();
  return present.some((candidate) => {
    const text = candidate.toLowerCase();
    if (wanted.endsWith("*")) return text.startsWith(wanted.slice(0, -1));
    return mode === "exact" ? text === wanted : text.includes(wanted);
  });
}

export const textField =
  <T>(get: (item: T) => string | null | (string | null)[], mode: "contains" | "exact" = "contains"): FieldMatcher<T> =>
  (item, comparison) => {
    const value = get(item);
    return matchesText(Array.isArray(value) ? value : [value], comparison, mode);
  };

/** ISO timestamps or dates ("2026-01-31" means that day's start, UTC); relative forms are refused. */
export const dateField =
  <T>(get: (item: T) => string | null): FieldMatcher<T> =>
  (item, { comparator, value }) => {
    const actual = get(item);
    if (isWildcard(value)) return actual !== null;
    if (actual === null) return false;
    const wanted = Date.parse(value);
    if (Number.isNaN(wanted)) {
      throw new GraphQLError(`The emulator cannot read the date '${value}' in a search query; use an ISO 8601 date or timestamp.`, {
        extensions: { code: "NOT_IMPLEMENTED_BY_EMULATOR" },
      });
    }
    return compare(Date.parse(actual), comparator === ":" ? ":" : comparator, wanted);
  };

export const numberField =
  <T>(get: (item: T) => number): FieldMatcher<T> =>
  (item, { comparator, value }) =>
    compare(get(item), comparator, Number(value));

function compare(actual: number, comparator: Comparator, wanted: number): boolean {
  switch (comparator) {
    case ":":
      return actual === wanted;
    case "<":
      return actual < wanted;
    case "<=":
      return actual <= wanted;
    case ">":
      return actual > wanted;
    case ">=":
      return actual >= wanted;
  }
}

/** A gid's number or the gid itself, as Shopify's `id:` filters accept both. */
export const idField =
  <T>(get: (item: T) => string): FieldMatcher<T> =>
  (item, { comparator, value }) => {
    const id = get(item);
    const numeric = Number(id.slice(id.lastIndexOf("/") + 1));
    return value.startsWith("gid://") ? comparator === ":" && value === id : compare(numeric, comparator, Number(value));
  };

// ---- parser ---------------------------------------------------------------------------------

type Token = { kind: "open" } | { kind: "close" } | { kind: "word"; text: string };

function parse(query: string): Expression {
  const tokens = tokenize(query);
  let position = 0;
  const peek = () => tokens[position];
  const isWord = (token: Token | undefined, text: string): boolean => token?.kind === "word" && token.text === text;

  const parseOr = (): Expression => {
    const operands = [parseAnd()];
    while (isWord(peek(), "OR")) {
      position++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: "or", operands };
  };
  const parseAnd = (): Expression => {
    const operands = [parseUnary()];
    while (position < tokens.length && peek().kind !== "close" && !isWord(peek(), "OR")) {
      if (isWord(peek(), "AND")) position++;
      operands.push(parseUnary());
    }
    return operands.length === 1 ? operands[0] : { kind: "and", operands };
  };
  const parseUnary = (): Expression => {
    const token = tokens[position++];
    if (!token) throw syntaxError(query);
    if (token.kind === "open") {
      const inner = parseOr();
      if (tokens[position++]?.kind !== "close") throw syntaxError(query);
      return inner;
    }
    if (token.kind === "close") throw syntaxError(query);
    if (token.text === "NOT") return { kind: "not", operand: parseUnary() };
    if (token.text.startsWith("-") && token.text.length > 1) return { kind: "not", operand: term(token.text.slice(1)) };
    return term(token.text);
  };
  const expression = parseOr();
  if (position < tokens.length) throw syntaxError(query);
  return expression;
}

function term(text: string): Expression {
  const colon = text.indexOf(":");
  if (colon <= 0) return { kind: "term", field: null, comparison: { comparator: ":", value: unquote(text) } };
  const rest = text.slice(colon + 1);
  const comparator = (["<=", ">=", "<", ">"] as const).find((candidate) => rest.startsWith(candidate)) ?? ":";
  const value = unquote(comparator === ":" ? rest : rest.slice(comparator.length));
  return { kind: "term", field: text.slice(0, colon).toLowerCase(), comparison: { comparator, value } };
}

const unquote = (value: string) => (value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value).replace(/^'(.*)'$/, "$1");

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index];
    if (/\s/.test(char)) {
      index++;
    } else if (char === "(" || char === ")") {
      tokens.push(char === "(" ? { kind: "open" } : { kind: "close" });
      index++;
    } else {
      let text = "";
      while (index < query.length && !/[\s()]/.test(query[index])) {
        if (query[index] === '"') {
          const close = query.indexOf('"', index + 1);
          if (close === -1) throw syntaxError(query);
          text += query.slice(index, close + 1);
          index = close + 1;
        } else {
          text += query[index++];
        }
      }
      tokens.push({ kind: "word", text });
    }
  }
  return tokens;
}

const syntaxError = (query: string) =>
  new GraphQLError(`The emulator cannot parse the search query '${query}'.`, { extensions: { code: "NOT_IMPLEMENTED_BY_EMULATOR" } });
