import type { Row } from './api.js';
import { UsageError } from './errors.js';
import { printable } from './printable.js';

export const FORMATS = ['table', 'json', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

/** How to print: `-o`, `-c` and `--wide`. */
export interface OutputFlags {
  format: Format;
  columns: readonly string[];
  /** Whole uuids in tables, instead of their first 8 digits. */
  wide: boolean;
}

/**
 * Prints answers as people read them (aligned columns, field/value lines) or as scripts read them
 * (JSON, YAML). `-c` picks fields in every format; a dotted name reaches into objects (properties.model).
 */
export class Output {
  private readonly format: Format;
  private readonly columns: readonly string[];
  /** A table cell: a row of uuids would not fit a terminal, so they are cut unless --wide. */
  private readonly tableCell: (value: unknown) => string;

  private constructor(flags: OutputFlags, private readonly serialize: (value: unknown) => string, private readonly out: NodeJS.WritableStream) {
    this.format = flags.format;
    this.columns = flags.columns;
    this.tableCell = flags.wide ? cell : (value) => cell(shortId(value));
  }

  /** The YAML library is loaded only when asked for: every verb pays for what it imports. */
  static async create(flags: OutputFlags, out: NodeJS.WritableStream = process.stdout): Promise<Output> {
    const serialize = flags.format === 'yaml' ? (await import('yaml')).stringify : (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
    return new Output(flags, serialize, out);
  }

  /**
   * Records: the chosen or default columns in a table; whole records, or the chosen fields, as data.
   * `forPeople` may fold a field into another in tables only (a table has no room for every flag).
   */
  list(rows: readonly Row[], defaults: readonly string[], forPeople: (row: Row) => Row = (row) => row): void {
    this.known(rows);
    if (this.format !== 'table') return this.data(this.columns.length ? rows.map((r) => this.pick(r)) : rows);
    const fields = this.columns.length ? this.columns : defaults;
    this.lines(this.table(fields, rows.map(forPeople).map((r) => fields.map((f) => valueAt(r, f)))));
  }

  /** One record: every field (nested objects spelt out as dotted names), or the chosen ones. */
  show(row: Row): void {
    this.known([row]);
    if (this.format !== 'table') return this.data(this.columns.length ? this.pick(row) : row);
    const pairs = this.columns.length ? this.columns.map((f) => [f, valueAt(row, f)] as const) : Object.entries(flatten(row));
    this.lines(fieldTable(pairs.map(([f, v]) => [printable(f), this.block(v)])));
  }

  /** An answer that is not a record (a delete, an attach): a sentence for people, the body for scripts. */
  message(sentence: string, body: unknown): void {
    if (this.format === 'table') this.out.write(`${printable(sentence)}\n`);
    else this.data(body);
  }

  /** A value shown on its own: a list of records (a node's devices) becomes a table of its own. */
  private block(value: unknown): string {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) return cell(value);
    const fields = [...new Set(value.flatMap((v) => Object.keys(v as Row)))];
    return this.table(fields, value.map((v) => fields.map((f) => (v as Row)[f]))).join('\n');
  }

  /** kubectl's layout: a header row and left-aligned columns three spaces apart. */
  private table(fields: readonly string[], rows: readonly unknown[][]): string[] {
    const cells = [fields.map((f) => printable(f.toUpperCase())), ...rows.map((r) => r.map(this.tableCell))];
    const widths = fields.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
    return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join(''));
  }

  private data(value: unknown): void {
    this.out.write(this.serialize(value));
  }

  private lines(lines: string[]): void {
    this.out.write(lines.map((l) => `${l}\n`).join(''));
  }

  private pick(row: Row): Row {
    return Object.fromEntries(this.columns.map((f) => [f, valueAt(row, f) ?? null]));
  }

  /** A misspelt -c would print an empty column; refuse it while there are records to check it against. */
  private known(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    for (const f of this.columns) {
      if (!rows.some((r) => valueAt(r, f) !== undefined)) {
        throw new UsageError(`unknown column '${f}'; these records have ${Object.keys(flatten(rows[0]!)).join(', ')}`);
      }
    }
  }
}

/** `a.b.c` inside nested objects; an exact key wins, so a field named with a dot stays reachable. */
function valueAt(row: Row, field: string): unknown {
  if (field in row) return row[field];
  let at: unknown = row;
  for (const key of field.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Row)[key];
  }
  return at;
}

/** Nested objects become dotted fields; arrays stay whole. */
function flatten(row: Row, prefix = ''): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const name = prefix + key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
      Object.assign(out, flatten(value as Row, `${name}.`));
    } else {
      out[name] = value;
    }
  }
  return out;
}

/**
 * One line: `-` for nothing, so that `awk '{print $3}'` still finds the third column; objects as
 * compact JSON; what the API wrote, escaped (a name may hold a newline or an ANSI sequence).
 */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '-';
  if (typeof value !== 'object') return printable(String(value));
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return printable(value.join(','));
  return printable(JSON.stringify(value));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid as its first 8 digits and an ellipsis, which says that it is cut (the API wants it whole); anything else as it is. */
function shortId(value: unknown): unknown {
  return typeof value === 'string' && UUID.test(value) ? `${value.slice(0, 8)}…` : value;
}

/** `field   value` lines; a value of several lines continues under the first. */
function fieldTable(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(0, ...pairs.map(([f]) => f.length)) + 3;
  return pairs.flatMap(([f, v]) => v.split('\n').map((line, i) => (i === 0 ? f.padEnd(width) : ' '.repeat(width)) + line));
}
