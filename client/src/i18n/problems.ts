import i18next from 'i18next';

/**
 * Server problems in the reader's language: the API words errors in English, but each problem has a
 * stable `code` (and each schema field error a zod issue `code` with `params`), which we translate here.
 * Unknown codes keep the server's text, so a new server error is never hidden.
 */
export function problemText(code: string | undefined, fallback: string): string {
  if (!code) return fallback;
  const key = `polish.problems.${code}`;
  return i18next.exists(key) ? i18next.t(key) : fallback;
}

export interface FieldErrorFacts {
  code?: string;
  params?: Record<string, string | number>;
  message: string;
}

export function fieldErrorText({ code, params, message }: FieldErrorFacts): string {
  if (!code) return message;
  const origin = typeof params?.origin === 'string' ? params.origin : '';
  const format = typeof params?.format === 'string' ? params.format : '';
  // most specific first: too_small of a string, invalid_format of an email, then the code alone
  const keys = [origin && `${code}_${origin}`, format && `${code}_${format}`, code].filter(Boolean);
  for (const k of keys) {
    const key = `polish.fieldErrors.${k}`;
    if (i18next.exists(key)) return i18next.t(key, { ...params });
  }
  return message;
}
