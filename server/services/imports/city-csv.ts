import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createCityBody } from '../../contract/cities.ts';
import { CITY_CSV_COLUMNS, CITY_CSV_MAX_ROWS, type CityCsvColumn, type CityImportError } from '../../contract/imports.ts';
import { badRequest, zodFieldErrors } from '../../lib/errors.ts';
import { findUnstorableText } from '../../lib/unstorable-text.ts';
import type { CreateCityInput } from '../cities/city-writes.ts';

/** One city row of the CSV, as typed values (as given, when the row has errors: it is still reference-checked). */
export type CityCsvRow = {
  row: number;
  city: CreateCityInput;
  priorities: { code: string; stance: string }[];
  routes: { route: string; role: string }[];
};

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP). On export
 * such text cells get a leading apostrophe, which spreadsheets show as "text"; the import strips it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const guardFormula = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);
const unguard = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

const list = (cell: string, separators: RegExp) => cell.split(separators).map((s) => s.trim()).filter(Boolean);
/** `code:stance;code:stance` (or `slug:role;…`); an item without a colon is an error of its column. */
function pairs(cell: string, field: string, row: number, errors: CityImportError[]) {
  return list(cell, /;/).flatMap((item) => {
    const at = item.indexOf(':');
    if (at <= 0 || at === item.length - 1) {
      errors.push({ row, field, message: `"${item}" is not of the form ${field === 'routes' ? 'slug:role' : 'code:stance'}` });
      return [];
    }
    return [[item.slice(0, at).trim(), item.slice(at + 1).trim()] as const];
  });
}
function number(cell: string, field: string, row: number, errors: CityImportError[]) {
  if (cell === '') return null;
  const n = Number(cell.replace(/\s/g, ''));
  if (Number.isFinite(n)) return n;
  errors.push({ row, field, message: `"${cell}" is not a number` });
  return undefined;
}

/**
 * Parses the CSV into typed rows and every error a row has on its own (shape, required fields, ranges,
 * pair syntax); references (countries, languages, priorities, routes) are checked by the service.
 * A file that is not CSV, lacks the required columns or is too long is a 400 for the whole request.
 */
export function parseCityCsv(text: string): { count: number; rows: CityCsvRow[]; columns: Set<CityCsvColumn>; errors: CityImportError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw badRequest('The body is not valid CSV', [{ path: 'body', message: `Not valid CSV${line ? ` (near line ${line})` : ''}: check the quotes` }]);
  }
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CITY_CSV_COLUMNS as readonly string[]).includes(n));
  const missing = (['name', 'country', 'languages'] as const).filter((n) => !names.includes(n));
  if (unknown.length || missing.length || new Set(names).size !== names.length) {
    throw badRequest('The header row is not the template\'s', [{
      path: 'body',
      message: [
        missing.length ? `missing column(s): ${missing.join(', ')}` : '',
        unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
        new Set(names).size !== names.length ? 'a column is named twice' : '',
      ].filter(Boolean).join('; ') + `. Use: ${CITY_CSV_COLUMNS.join(',')}`,
    }]);
  }
  const dataRows = body.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => c !== ''));
  if (dataRows.length > CITY_CSV_MAX_ROWS) throw badRequest(`At most ${CITY_CSV_MAX_ROWS} cities per import`, [{ path: 'body', message: `${dataRows.length} rows: split the file` }]);

  const errors: CityImportError[] = [];
  const rows: CityCsvRow[] = [];
  for (const { cells, row } of dataRows) {
    if (cells.length !== names.length) {
      errors.push({ row, field: '', message: `${cells.length} cells where the header has ${names.length}` });
      continue;
    }
    const cell = Object.fromEntries(names.map((n, i) => [n, unguard(cells[i])])) as Partial<Record<CityCsvColumn, string>>;
    const before = errors.length;
    for (const e of findUnstorableText(cell)) errors.push({ row, field: e.path, message: e.message });
    if (errors.length > before) continue;

    const candidate = {
      name: cell.name ?? '',
      country: cell.country ?? '',
      ...(cell.region ? { region: cell.region } : {}),
      ...(cell.population !== undefined ? { population: number(cell.population, 'population', row, errors) } : {}),
      ...(cell.lat !== undefined ? { lat: number(cell.lat, 'lat', row, errors) } : {}),
      ...(cell.lon !== undefined ? { lon: number(cell.lon, 'lon', row, errors) } : {}),
      languages: list(cell.languages ?? '', /[;,\s]+/),
    };
    const parsed = createCityBody.safeParse(candidate);
    if (!parsed.success) {
      for (const e of zodFieldErrors(parsed.error)) {
        const field = e.path.split('.')[0];
        if (!errors.some((x) => x.row === row && x.field === field)) errors.push({ row, field, message: e.message });
      }
    }
    const priorities = pairs(cell.priorities ?? '', 'priorities', row, errors).map(([code, stance]) => ({ code, stance }));
    const routes = pairs(cell.routes ?? '', 'routes', row, errors).map(([route, role]) => ({ route, role }));
    // a row with errors of its own is still reference-checked, so the report names all its bad fields
    const city = parsed.success ? parsed.data : { ...candidate, country: candidate.country.toUpperCase() } as CreateCityInput;
    rows.push({ row, city, priorities, routes });
  }
  return { count: dataRows.length, rows, columns: new Set(names as CityCsvColumn[]), errors };
}

/** One exported city: the template's columns, text cells guarded against formulas. */
export type CityCsvOut = {
  name: string; country: string | null; region: string | null; population: number | null; lat: number | null; lon: number | null;
  languages: string[]; priorities: { code: string; stance: string }[]; routes: { slug: string; role: string }[];
};

export function stringifyCityCsv(cities: CityCsvOut[]): string {
  const text = (s: string | null) => guardFormula(s ?? '');
  return stringify([
    [...CITY_CSV_COLUMNS],
    ...cities.map((c) => [
      text(c.name), text(c.country), text(c.region),
      c.population ?? '', c.lat ?? '', c.lon ?? '',
      text(c.languages.join(';')),
      text(c.priorities.map((p) => `${p.code}:${p.stance}`).join(';')),
      text(c.routes.map((r) => `${r.slug}:${r.role}`).join(';')),
    ]),
  ], { record_delimiter: '\r\n' });
}

/** The template: the header and two example rows. */
export const CITY_CSV_TEMPLATE = stringifyCityCsv([
  {
    name: 'Lampedusa e Linosa', country: 'IT', region: 'Sicily', population: 6500, lat: 35.5, lon: 12.6, languages: ['it'],
    priorities: [{ code: 'solidarity.1', stance: 'offer' }, { code: 'dignity.2', stance: 'seek' }], routes: [{ slug: 'central-mediterranean', role: 'transit' }],
  },
  { name: 'Oujda', country: 'MA', region: null, population: null, lat: null, lon: null, languages: ['ar', 'fr'], priorities: [], routes: [] },
]);
