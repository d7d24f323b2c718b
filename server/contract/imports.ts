import { z } from 'zod';

/**
 * Bulk onboarding of a network's cities from CSV (POST /api/networks/:id/imports) and the CSV export.
 * The columns, in this order, are the template's header; `priorities` is `code:stance;…` and `routes`
 * is `slug:role;…`. A row is "the same city" as an existing one when name (accent- and
 * case-insensitive), country and region agree: it is then updated, else created.
 */
export const CITY_CSV_COLUMNS = ['name', 'country', 'region', 'population', 'lat', 'lon', 'languages', 'priorities', 'routes'] as const;
export type CityCsvColumn = (typeof CITY_CSV_COLUMNS)[number];

/** At most this many rows in one import (the whole import is one transaction). */
export const CITY_CSV_MAX_ROWS = 2000;
/** The body limit of the import route (the only route that takes text/csv). */
export const CITY_CSV_MAX_BYTES = 1024 * 1024;

export const importParams = z.object({ id: z.string().min(1).max(64) });
export const importQuery = z.object({
  dryRun: z.stringbool().default(true).meta({ description: 'true (the default): check every row and write nothing; false: import' }),
});

export const importErrorSchema = z.object({
  row: z.number().int().meta({ description: 'The row as a spreadsheet numbers it: the header is row 1, the first city row 2' }),
  field: z.string().meta({ description: 'The column, or "" for the row as a whole' }),
  message: z.string(),
});

export const importReportSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(importErrorSchema),
}).meta({ id: 'CityImportReport' });

/**
 * With `Accept: application/x-ndjson` the real import streams one JSON object a line: `progress`
 * lines while it writes, then one `result` (the report) or one `problem` line.
 */
export const importProgressLine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('result'), report: importReportSchema }),
  z.object({ type: z.literal('problem'), status: z.number().int(), detail: z.string(), errors: z.array(importErrorSchema) }),
]);

export type CityImportReport = z.output<typeof importReportSchema>;
export type CityImportError = z.output<typeof importErrorSchema>;
export type ImportProgressLine = z.output<typeof importProgressLine>;
