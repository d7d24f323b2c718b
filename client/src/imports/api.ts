import { currentLanguage, http, toApiError } from '../api/http';
import type { Me } from '../../../server/contract/me.ts';
import type { CityImportReport, ImportProgressLine } from '../../../server/contract/imports.ts';

const enc = encodeURIComponent;

/** Which networks the user manages. */
export const me = (signal?: AbortSignal) => http.get<Me>('/api/me', { signal });

export const templateUrl = '/api/imports/cities-template.csv';
export const exportUrl = (networkId: string) => `/api/networks/${enc(networkId)}/cities.csv`;

const post = (networkId: string, csv: string, dryRun: boolean, accept: string) =>
  fetch(`/api/networks/${enc(networkId)}/imports?dryRun=${dryRun}`, {
    method: 'POST',
    body: csv,
    credentials: 'include',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: accept, 'Accept-Language': currentLanguage() },
  });

/** The dry run: every bad field of every row, nothing written. Throws ApiError for a file that is not the template. */
export async function dryRun(networkId: string, csv: string): Promise<CityImportReport> {
  const res = await post(networkId, csv, true, 'application/json');
  if (!res.ok) throw await toApiError(res);
  return res.json() as Promise<CityImportReport>;
}

/**
 * The real import, reading its NDJSON progress lines as they arrive. Throws ApiError when the
 * server refuses it (e.g. 422: the file changed since its dry run and has errors now).
 */
export async function runImport(networkId: string, csv: string, onProgress: (done: number, total: number) => void): Promise<CityImportReport> {
  const res = await post(networkId, csv, false, 'application/x-ndjson');
  if (!res.ok) throw await toApiError(res);
  if (!res.body || !/ndjson/.test(res.headers.get('content-type') ?? '')) return res.json() as Promise<CityImportReport>;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += value ?? '';
    const lines = buffer.split('\n');
    buffer = done ? '' : lines.pop()!;
    for (const line of lines.filter((l) => l.trim())) {
      const msg = JSON.parse(line) as ImportProgressLine;
      if (msg.type === 'progress') onProgress(msg.done, msg.total);
      else if (msg.type === 'result') return msg.report;
      else throw Object.assign(new Error(msg.detail), { status: msg.status });
    }
    if (done) throw new Error('The import ended without a result');
  }
}
