// CSV in (record ids from a file) and out (the outcome of every record), RFC 4180. Pure.
import type { MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translator';
import type { BulkDirection, RecordOutcome } from './job';
import { outcomeLabel, outcomeSentence } from './outcomes';
import { collectIds, isZohoId, type ParsedIds } from './plan';
import type { BulkRecordRow } from './progress';

export type CsvDelimiter = ',' | ';' | '\t';

/** The delimiter the first line uses most outside quotes; spreadsheets in many locales write `;`. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** Rows of fields. Quoted fields may hold delimiters, doubled quotes and line breaks; a BOM is dropped. */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (source[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRow();
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (fieldStarted || row.length > 0) endRow();
  return rows;
}

/** Header names of an id column, compared lower-case without spaces or punctuation. */
const ID_HEADERS = new Set(['id', 'recordid', 'zohoid', 'zohorecordid', 'crmid', 'zcrmid']);

function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** 4.15087E+18: a spreadsheet turned a long id into a rounded number, and the digits are gone. */
const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;

export interface CsvIds extends ParsedIds {
  /** the column read: its header, or null when the file has none */
  column: { index: number; header: string | null };
  /** cells that look like ids a spreadsheet rounded into scientific notation */
  rounded: number;
}

export type CsvIdsResult = { ok: true; value: CsvIds } | { ok: false; reason: 'empty' | 'no-id-column' };

/**
 * The record ids of a CSV file: the column headed `id`, `Record Id`, … (Zoho's exports say
 * `Record Id`), else the first column whose cells are all decimal ids.
 */
export function idsFromCsv(text: string): CsvIdsResult {
  const rows = parseCsv(text);
  const first = rows[0];
  if (!first) return { ok: false, reason: 'empty' };
  const named = first.findIndex((cell) => ID_HEADERS.has(headerKey(cell)));
  if (named >= 0) return { ok: true, value: columnIds(rows.slice(1), named, first[named] ?? null) };

  const width = Math.max(...rows.map((row) => row.length));
  for (let index = 0; index < width; index++) {
    const firstCell = (first[index] ?? '').trim();
    const hasHeader = !isZohoId(firstCell);
    const cells = rows
      .slice(hasHeader ? 1 : 0)
      .map((row) => (row[index] ?? '').trim())
      .filter((cell) => cell !== '');
    if (cells.length > 0 && cells.every((cell) => isZohoId(cell) || SCIENTIFIC.test(cell))) {
      return { ok: true, value: columnIds(rows.slice(hasHeader ? 1 : 0), index, hasHeader ? firstCell : null) };
    }
  }
  return { ok: false, reason: 'no-id-column' };
}

function columnIds(rows: string[][], index: number, header: string | null): CsvIds {
  const cells = rows.map((row) => (row[index] ?? '').trim());
  return {
    ...collectIds(cells),
    column: { index, header },
    rounded: cells.filter((cell) => SCIENTIFIC.test(cell)).length,
  };
}

// A cell starting with one of these is run as a formula by spreadsheets (CSV injection): Zoho's
// messages and territory names are not ours to trust.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180: CRLF line ends, fields quoted when they hold a quote, a delimiter or a line break. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export const OUTCOME_CSV_HEADER = [
  'bulk.csv.recordId',
  'bulk.csv.name',
  'bulk.csv.outcome',
  'bulk.csv.code',
  'bulk.csv.jobId',
  'bulk.csv.territories',
  'bulk.csv.details',
] as const satisfies readonly MessageKey[];

function detailsOf(outcome: RecordOutcome, translator: Pick<Translator, 't'>, direction: BulkDirection): string {
  const sentence = outcomeSentence(outcome, translator, direction);
  return outcome.kind === 'error' && outcome.message
    ? translator.t('bulk.csv.zohoSaid', { sentence, message: outcome.message })
    : sentence;
}

/** One line per record: its name, what happened, Zoho's code, and the territories it was sent, by name. */
export function outcomesCsv(
  rows: readonly BulkRecordRow[],
  territoryName: (id: string) => string,
  translator: Pick<Translator, 't'>,
  direction: BulkDirection = 'remove',
): string {
  const { t } = translator;
  return toCsv([
    OUTCOME_CSV_HEADER.map((key) => t(key)),
    ...rows.map((row) => {
      const outcome = row.outcome;
      const code = outcome && (outcome.kind === 'error' || outcome.kind === 'no-permission') ? outcome.code : '';
      const jobId = outcome?.kind === 'scheduled' ? (outcome.jobId ?? '') : '';
      return [
        row.id,
        row.name ?? '',
        outcome ? outcomeLabel(outcome.kind, translator) : t('bulk.outcome.waiting'),
        code,
        jobId,
        row.territoryIds.map(territoryName).join('; '),
        outcome ? detailsOf(outcome, translator, direction) : '',
      ];
    }),
  ]);
}

export function csvFileName(module: string, jobId: string, direction: BulkDirection = 'remove'): string {
  const prefix = direction === 'assign' ? 'territory-put-back' : 'territory-removal';
  return `${prefix}-${module.toLowerCase()}-${jobId}.csv`;
}
