import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Customer } from '../contacts/Customer';
import type { Attributes } from '../types/common';
import { readCsvRecords } from './csvRecords';

/** Where a customer came from in the input file, to report it by line and to write it back if it fails. */
export interface SourceRow {
  /** 1-based line of the row in the file (for a CSV record over several lines, its first line). */
  line: number;
  /** The row's text exactly as read (a CSV record over several lines joined with `\n`), to write it back. */
  raw: string;
}

/** A customer read from a file, with its row. */
export type RowCustomer = Customer & { readonly row: SourceRow };

/** A row that could not be read as a customer: bad CSV quoting, wrong column count, invalid JSON, not an object. */
export interface BrokenRow extends SourceRow {
  reason: string;
}

export type InputFormat = 'csv' | 'jsonl';

/** The format from a file name, or null. */
export function inputFormat(path: string): InputFormat | null {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  return null;
}

/**
 * Streams the customers of a CSV (header row: `identifier,name,email,phone`, plus `custom.<key>` and
 * `additional.<key>` columns) or JSON Lines file (one `Customer` object per line). Broken rows are handed to
 * `onBroken` with their line number and skipped; the stream goes on. `headers` receives the CSV header.
 */
export async function* readCustomers(
  path: string,
  format: InputFormat,
  onBroken: (row: BrokenRow) => void,
  headers?: (names: string[]) => void,
): AsyncGenerator<RowCustomer> {
  if (format === 'jsonl') yield* readJsonLines(path, onBroken);
  else yield* readCsv(path, onBroken, headers);
}

async function* readJsonLines(path: string, onBroken: (row: BrokenRow) => void): AsyncGenerator<RowCustomer> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      onBroken({ line, raw: text, reason: 'not valid JSON' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      onBroken({ line, raw: text, reason: 'not a JSON object' });
      continue;
    }
    const source = value as Record<string, unknown>;
    const customer: Customer = {};
    for (const key of ['identifier', 'name', 'email', 'phone', 'avatarUrl'] as const) {
      const field = source[key] ?? (key === 'phone' ? source.phone_number : undefined);
      if (field !== undefined && field !== null) customer[key] = typeof field === 'number' ? String(field) : (field as string);
    }
    if (isObject(source.customAttributes)) customer.customAttributes = source.customAttributes;
    if (isObject(source.additionalAttributes)) customer.additionalAttributes = source.additionalAttributes;
    yield { ...customer, row: { line, raw: text } };
  }
}

async function* readCsv(
  path: string,
  onBroken: (row: BrokenRow) => void,
  headers?: (names: string[]) => void,
): AsyncGenerator<RowCustomer> {
  let columns: string[] | undefined;
  for await (const record of readCsvRecords(path)) {
    if (record.fields === undefined) {
      onBroken({ line: record.line, raw: record.text, reason: record.reason });
      continue;
    }
    if (columns === undefined) {
      columns = record.fields.map((name) => name.trim());
      headers?.(columns);
      continue;
    }
    if (record.fields.length !== columns.length) {
      const reason = `the row has ${record.fields.length} field(s), the header has ${columns.length} column(s)`;
      onBroken({ line: record.line, raw: record.text, reason });
      continue;
    }
    const values = Object.fromEntries(columns.map((name, index) => [name, record.fields[index]!]));
    yield { ...csvCustomer(values), row: { line: record.line, raw: record.text } };
  }
}

/** CSV columns → a Customer; blank cells are left out (sync never clears a value). */
function csvCustomer(record: Record<string, string>): Customer {
  const customer: Customer = {};
  const custom: Attributes = {};
  const additional: Attributes = {};
  for (const [column, value] of Object.entries(record)) {
    if (value === '') continue;
    const name = column.toLowerCase();
    if (name === 'identifier' || name === 'name' || name === 'email') customer[name] = value;
    else if (name === 'phone' || name === 'phone_number') customer.phone = value;
    else if (name === 'avatar_url') customer.avatarUrl = value;
    else if (name.startsWith('custom.')) custom[column.slice('custom.'.length)] = value;
    else if (name.startsWith('additional.')) additional[column.slice('additional.'.length)] = value;
  }
  if (Object.keys(custom).length > 0) customer.customAttributes = custom;
  if (Object.keys(additional).length > 0) customer.additionalAttributes = additional;
  return customer;
}

function isObject(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
