import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';

/** One CSV record as it stands in the file: its first line and its text (lines joined with `\n`). */
export interface CsvRecordText {
  line: number;
  text: string;
}

/** A record read into fields, or the reason it could not be. */
export type CsvRecord = CsvRecordText & ({ fields: string[] } | { fields?: undefined; reason: string });

// A quoted field may span lines, but a quote that is never closed must not swallow the rest of the file: a record
// is given up after this many lines and read again from its second line.
const MAX_RECORD_LINES = 200;
const UNMATCHED_QUOTE = 'an unmatched quote (") on this line: a quoted field that is never closed, or a quote inside an unquoted field (write it as "")';

/**
 * Reads a CSV file record by record. A record ends at the first line break outside quotes (RFC 4180); its text is
 * then read into fields by csv-parse. A record that csv-parse refuses (a stray quote, a quote never closed) is
 * reported once, as its first line alone, and reading goes on from the next line; so each broken row is reported
 * once, with its line, and can be written back exactly as it was.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const pending: Array<{ line: number; text: string }> = [];
  let lineNumber = 0;
  let ended = false;
  const iterator = lines[Symbol.asyncIterator]();
  // Reads lines into `pending` until the first pending record is complete; returns how many lines it spans.
  const complete = async (): Promise<number> => {
    let quotes = 0;
    for (let index = 0; ; index++) {
      if (index === pending.length) {
        if (ended) return -1;
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          return -1;
        }
        lineNumber += 1;
        pending.push({ line: lineNumber, text: lineNumber === 1 ? next.value.replace(/^\uFEFF/, '') : next.value });
      }
      quotes += countQuotes(pending[index]!.text);
      if (quotes % 2 === 0) return index + 1;
      if (index + 1 >= MAX_RECORD_LINES) return -1;
    }
  };
  for (;;) {
    if (pending.length === 0 && ended) return;
    const span = await complete();
    if (pending.length === 0) return;
    const first = pending[0]!;
    if (span === -1) {
      // Quotes never balance: the first line alone is the broken record.
      pending.shift();
      yield { ...first, reason: UNMATCHED_QUOTE };
      continue;
    }
    const text = pending.slice(0, span).map((entry) => entry.text).join('\n');
    if (text.trim() === '') {
      pending.splice(0, span);
      continue;
    }
    const fields = parseFields(text);
    if (typeof fields === 'string' && span > 1) {
      // Balanced but unreadable over several lines: a stray quote paired with a later one. Blame the first line.
      pending.shift();
      yield { line: first.line, text: first.text, reason: UNMATCHED_QUOTE };
      continue;
    }
    pending.splice(0, span);
    yield typeof fields === 'string' ? { line: first.line, text, reason: `unreadable: ${fields}` } : { line: first.line, text, fields };
  }
}

function countQuotes(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count += 1;
  return count;
}

/** The fields of one record's text, or why csv-parse refused it. */
function parseFields(text: string): string[] | string {
  try {
    const rows = parse(text, { trim: true, relax_column_count: true }) as string[][];
    if (rows.length !== 1) return `it reads as ${rows.length} records`;
    return rows[0]!;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/ at line \d+/, '');
  }
}
