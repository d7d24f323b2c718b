import type { Practice } from '../../../../server/contract/practices.ts';
import type { FieldError } from '../../api/http';
import type { FieldProblem } from '../../validation/practice';

export const HOW_TO = ['process', 'challenges', 'successFactors', 'transferability'] as const;
export type HowToKey = (typeof HOW_TO)[number];

/** What the editor's inputs hold: every field as the user typed it. */
export type FormState = {
  title: string; summary: string; body: string; cityId: string; language: string;
  priorities: string[]; routes: string[]; targetGroups: string[];
  howTo: Record<HowToKey, string>;
  budget: string; startedOn: string; endedOn: string; outcomes: string; contact: string;
};

export const emptyForm = (cityId = '', language = 'en'): FormState => ({
  title: '', summary: '', body: '', cityId, language, priorities: [], routes: [], targetGroups: [],
  howTo: { process: '', challenges: '', successFactors: '', transferability: '' },
  budget: '', startedOn: '', endedOn: '', outcomes: '', contact: '',
});

export const formFromPractice = (p: Practice): FormState => ({
  title: p.title, summary: p.summary, body: p.body, cityId: p.city.id, language: p.language,
  priorities: [...p.priorities], routes: [...p.routes], targetGroups: [...p.targetGroups],
  howTo: { process: p.howTo?.process ?? '', challenges: p.howTo?.challenges ?? '', successFactors: p.howTo?.successFactors ?? '', transferability: p.howTo?.transferability ?? '' },
  budget: p.budget ?? '', startedOn: p.startedOn ?? '', endedOn: p.endedOn ?? '', outcomes: p.outcomes ?? '', contact: p.contact ?? '',
});

const OPTIONAL = ['budget', 'startedOn', 'endedOn', 'outcomes', 'contact'] as const;

function howTo(f: FormState) {
  const filled = Object.fromEntries(HOW_TO.filter((k) => f.howTo[k].trim()).map((k) => [k, f.howTo[k]]));
  return Object.keys(filled).length ? filled : undefined;
}

/** The body of POST /api/practices: empty optional fields left out. */
export function createPayload(f: FormState) {
  const out: Record<string, unknown> = {
    title: f.title, summary: f.summary, body: f.body, cityId: f.cityId, language: f.language,
    priorities: f.priorities, routes: f.routes, targetGroups: f.targetGroups,
  };
  const h = howTo(f);
  if (h) out.howTo = h;
  for (const k of OPTIONAL) if (f[k].trim()) out[k] = f[k];
  return out;
}

/** The body of PATCH /api/practices/:id: every field, emptied optional ones cleared with null. */
export function updatePayload(f: FormState, version: number) {
  const { cityId: _city, ...rest } = createPayload(f);
  const out: Record<string, unknown> = { ...rest, howTo: howTo(f) ?? null, version };
  for (const k of OPTIONAL) if (!f[k].trim()) out[k] = null;
  return out;
}

/** The input an error belongs to: `howTo.process` for a how-to section, else the top-level field (`priorities.2` → `priorities`). */
export const fieldKey = (path: string) => {
  const parts = path.split('.');
  return parts[0] === 'howTo' && parts[1] ? `howTo.${parts[1]}` : parts[0];
};

export type FormErrors = Record<string, string>;

/** Client-side problems as messages by input, translated by `t` from their code. */
export function clientErrors(problems: FieldProblem[], t: (key: string, opts?: Record<string, unknown>) => string): FormErrors {
  const out: FormErrors = {};
  for (const p of problems) {
    const key = fieldKey(p.path);
    if (key in out) continue;
    out[key] = p.code === 'required' ? t('practicesUi.errors.required')
      : p.code === 'too_long' ? t('practicesUi.errors.tooLong', { max: p.max })
      : key === 'priorities' ? t('practicesUi.errors.priorities')
      : key === 'endedOn' ? t('practicesUi.errors.dates')
      : p.message;
  }
  return out;
}

/** The server's field errors by input; errors of no input are returned apart, for the summary. */
export function serverErrors(errors: FieldError[] | undefined): { fields: FormErrors; other: string[] } {
  const fields: FormErrors = {};
  const other: string[] = [];
  for (const e of errors ?? []) {
    const key = fieldKey(e.path);
    if (!key) other.push(e.message);
    else if (!(key in fields)) fields[key] = e.message;
  }
  return { fields, other };
}
