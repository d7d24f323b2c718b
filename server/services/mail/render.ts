import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { UI_LANGUAGES, type NotificationType, type UiLanguage } from '../../contract/common.ts';
import type { Recipient } from '../../jobs/jobs.ts';
import { CADENCE_NAMES, MESSAGES } from './messages.ts';

const load = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');
const html = Handlebars.compile(load('notification.html.hbs'));
// the text part must not be HTML-escaped
const text = Handlebars.compile(load('notification.txt.hbs'), { noEscape: true });
const plain = new Map<string, HandlebarsTemplateDelegate>();
const fill = (template: string, ctx: Record<string, unknown>) => {
  let t = plain.get(template);
  if (!t) plain.set(template, (t = Handlebars.compile(template, { noEscape: true })));
  return t(ctx);
};

export const languageOf = (locale: string): UiLanguage =>
  ((UI_LANGUAGES as readonly string[]).includes(locale.slice(0, 2)) ? locale.slice(0, 2) : 'en') as UiLanguage;

export type MailItem = { type: NotificationType; payload: Record<string, unknown> };
export type RenderedMail = { subject: string; html: string; text: string };

type Common = { name: string; lang: UiLanguage; unsubscribeUrl: string; preferencesUrl: string; publicUrl: string };

function lineOf(lang: UiLanguage, item: MailItem, publicUrl: string) {
  const m = MESSAGES[lang];
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  const line = fill(m.types[item.type], { actor: str(item.payload.actorName) ?? m.someone, title: str(item.payload.title) ?? '' }).trim();
  const path = typeof item.payload.url === 'string' ? item.payload.url : '/notifications';
  return { line, url: new URL(path, publicUrl).toString() };
}

/** One notification e-mailed at once: its line is the subject; the footer says why and how to stop it. */
export function renderInstant(c: Common & { item: MailItem; reason: Recipient['kind'] }): RenderedMail {
  const m = MESSAGES[c.lang];
  const first = lineOf(c.lang, c.item, c.publicUrl);
  const ctx = {
    lang: c.lang, subject: first.line, hello: fill(m.hello, { name: c.name }), items: [first], single: first, open: m.open,
    reason: m.reasons[c.reason] ?? m.reasons.user, unsubscribeUrl: c.unsubscribeUrl, unsubscribeLabel: m.unsubscribeType,
    preferencesUrl: c.preferencesUrl, preferencesLabel: m.preferences,
  };
  return { subject: first.line, html: html(ctx), text: text(ctx) };
}

/** A digest: every notification since the previous one, newest last. */
export function renderDigest(c: Common & { items: MailItem[]; cadence: 'daily' | 'weekly' }): RenderedMail {
  const m = MESSAGES[c.lang];
  const subject = fill(m.digestSubject[c.cadence], { count: c.items.length, one: c.items.length === 1 });
  const ctx = {
    lang: c.lang, subject, hello: fill(m.hello, { name: c.name }), intro: m.digestIntro, items: c.items.map((i) => lineOf(c.lang, i, c.publicUrl)),
    reason: fill(m.whyDigest, { cadence: CADENCE_NAMES[c.lang][c.cadence] }), unsubscribeUrl: c.unsubscribeUrl,
    unsubscribeLabel: m.unsubscribeAll, preferencesUrl: c.preferencesUrl, preferencesLabel: m.preferences,
  };
  return { subject, html: html(ctx), text: text(ctx) };
}
