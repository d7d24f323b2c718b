import express, { type Request, type RequestHandler, type Response } from 'express';
import type { ApiRegistry } from '../../http/route.ts';
import { toProblem, unsupportedMediaType } from '../../lib/errors.ts';
import type { ImportsService } from '../../services/imports/imports.service.ts';
import { CITY_CSV_MAX_BYTES, importParams, importQuery, importReportSchema, type ImportProgressLine } from '../../contract/imports.ts';

/** The one route that takes text/csv: its own parser and limit; anything else is a 415. */
const csvBody: RequestHandler[] = [
  express.text({ type: 'text/csv', limit: CITY_CSV_MAX_BYTES }),
  (req, _res, next) => {
    if (!req.is('text/csv')) throw unsupportedMediaType(`Send the cities as text/csv (got ${req.get('content-type')?.split(';')[0] || 'no Content-Type'})`);
    next();
  },
];

const ndjson = 'application/x-ndjson';

/**
 * Progress as NDJSON: the import is one transaction held by this request, so the request itself is
 * the natural channel for its progress — no job, no stored file, no polling endpoint to secure.
 * Headers go out with the first progress line, so a file with errors still gets a plain 422 problem.
 */
function progressStream(res: Response) {
  const write = (line: ImportProgressLine) => {
    if (!res.headersSent) {
      res.status(200).set({ 'content-type': `${ndjson}; charset=utf-8`, 'cache-control': 'no-store, no-transform', 'x-accel-buffering': 'no' });
    }
    res.write(`${JSON.stringify(line)}\n`);
    (res as { flush?: () => void }).flush?.();
  };
  let last = 0;
  return {
    progress(done: number, total: number) {
      // about a hundred lines per import, whatever its size
      if (done !== total && done - last < Math.max(1, Math.floor(total / 100))) return;
      last = done;
      write({ type: 'progress', done, total });
    },
    end(line: ImportProgressLine) {
      write(line);
      res.end();
    },
  };
}

const csvDownload = (res: Response, filename: string, csv: string) => {
  res.status(200).set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` }).send(`\uFEFF${csv}`);
};

export function registerImportRoutes(api: ApiRegistry, { imports }: { imports: ImportsService }) {
  api.route({
    method: 'post', path: '/api/networks/:id/imports', tags: ['networks'],
    summary: "Import a network's cities from CSV (its managers): a dry run by default; with `dryRun=false` all rows or none",
    auth: 'required', params: importParams, query: importQuery, middleware: csvBody,
    rawBody: { contentType: 'text/csv', description: 'One city a row; header: name,country,region,population,lat,lon,languages,priorities,routes (see GET /api/imports/cities-template.csv)' },
    responses: {
      200: { description: `What was (or would be) created and updated, every bad field of every row; with \`Accept: ${ndjson}\` the real import streams progress lines, then the result`, schema: importReportSchema },
      403: { description: 'Not a manager of this network' },
      404: { description: 'No such network' },
      413: { description: 'The file is larger than 1 MB' },
      415: { description: 'The body is not text/csv' },
      422: { description: 'Real import of a file with errors: every bad field as `rows.<row>.<column>`, nothing written' },
    },
    handler: async ({ req, res, actor, params, query }) => {
      const csv = typeof req.body === 'string' ? req.body : '';
      if (query.dryRun || !wantsStream(req)) {
        return { body: await imports.importCities(actor, params.id, csv, { dryRun: query.dryRun }) };
      }
      const stream = progressStream(res);
      try {
        const report = await imports.importCities(actor, params.id, csv, { dryRun: false, onProgress: stream.progress });
        stream.end({ type: 'result', report });
      } catch (err) {
        if (!res.headersSent) throw err;
        const p = toProblem(err);
        stream.end({ type: 'problem', status: p.status, detail: p.detail, errors: [] });
      }
    },
  });

  api.route({
    method: 'get', path: '/api/networks/:id/cities.csv', tags: ['networks'],
    summary: "The network's cities with their priorities and routes, as CSV in the import's format",
    params: importParams,
    responses: { 200: { description: 'CSV (UTF-8 with BOM); text cells that a spreadsheet would run as a formula start with an apostrophe', contentType: 'text/csv' }, 404: { description: 'No such network' } },
    handler: async ({ res, params }) => {
      const { slug, csv } = await imports.exportCities(params.id);
      csvDownload(res, `${slug}-cities.csv`, csv);
    },
  });

  api.route({
    method: 'get', path: '/api/imports/cities-template.csv', tags: ['networks'], summary: 'A CSV template for the city import: the header and two example rows',
    responses: { 200: { description: 'CSV (UTF-8 with BOM)', contentType: 'text/csv' } },
    handler: async ({ res }) => csvDownload(res, 'cities-template.csv', imports.template()),
  });
}

const wantsStream = (req: Request) => req.accepts(['application/json', ndjson]) === ndjson;
