import type { Db } from '../../db/client.ts';
import type { FieldError } from '../../lib/errors.ts';
import { isLanguageCode } from '../../lib/languages.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy.service.ts';

/** A value to check and where it came from in the request, so a 400 can point at it. */
export type Checked = { path: string; value: string };

/**
 * Checks client-supplied codes against reference data and reports every unknown one (not just the
 * first), each naming the bad value. Countries and priorities change only with a seed, so they are
 * read once; routes and networks can be created at any time, so they are looked up per call.
 */
export function createReferenceCheck({ db, taxonomy }: { db: Db; taxonomy: TaxonomyService }) {
  let countries: Promise<Set<string>> | undefined;
  const countryCodes = () => {
    countries ??= db.country.findMany({ select: { code: true } }).then((rows) => {
      const set = new Set(rows.map((r) => r.code));
      if (set.size === 0) countries = undefined; // not seeded yet: try again next time
      return set;
    }, (err) => {
      countries = undefined;
      throw err;
    });
    return countries;
  };

  return {
    /** Ids that must name an existing city. */
    async cities(items: Checked[]): Promise<FieldError[]> {
      if (!items.length) return [];
      const rows = await db.city.findMany({ where: { id: { in: [...new Set(items.map((i) => i.value))] } }, select: { id: true } });
      const known = new Set(rows.map((r) => r.id));
      return items.filter((i) => !known.has(i.value)).map((i) => ({ path: i.path, message: 'No city has this id' }));
    },

    async countries(items: Checked[]): Promise<FieldError[]> {
      if (!items.length) return [];
      const known = await countryCodes();
      return items.filter((i) => !known.has(i.value))
        .map((i) => ({ path: i.path, message: `Unknown country "${i.value}": use an ISO 3166-1 alpha-2 code, e.g. "IT"` }));
    },

    /** Values that must be one of a fixed list (stances, route roles). */
    oneOf(items: Checked[], allowed: readonly string[], what: string): FieldError[] {
      return items.filter((i) => !allowed.includes(i.value))
        .map((i) => ({ path: i.path, message: `Unknown ${what} "${i.value}": use ${allowed.join(', ')}` }));
    },

    languages(items: Checked[]): FieldError[] {
      return items.filter((i) => !isLanguageCode(i.value))
        .map((i) => ({ path: i.path, message: `Unknown language "${i.value}": use an ISO 639-1 code, e.g. "fr"` }));
    },

    async priorities(items: Checked[]): Promise<FieldError[]> {
      if (!items.length) return [];
      const unknown = new Set(await taxonomy.unknownCodes(items.map((i) => i.value)));
      return items.filter((i) => unknown.has(i.value))
        .map((i) => ({ path: i.path, message: `Unknown priority "${i.value}": see GET /api/taxonomy for the codes` }));
    },

    /** Resolves route slugs to ids; unknown ones become errors. */
    async routes(items: Checked[]) {
      const rows = items.length
        ? await db.route.findMany({ where: { slug: { in: [...new Set(items.map((i) => i.value))] } }, select: { id: true, slug: true, name: true } })
        : [];
      const bySlug = new Map(rows.map((r) => [r.slug, r]));
      const errors: FieldError[] = items.filter((i) => !bySlug.has(i.value))
        .map((i) => ({ path: i.path, message: `Unknown route "${i.value}": see GET /api/routes for the slugs` }));
      return { bySlug, errors };
    },

    /** Resolves network ids or slugs; unknown ones become errors. */
    async networks(items: Checked[]) {
      const values = [...new Set(items.map((i) => i.value))];
      const rows = values.length
        ? await db.network.findMany({ where: { OR: [{ id: { in: values } }, { slug: { in: values } }] }, select: { id: true, slug: true } })
        : [];
      const byKey = new Map<string, string>();
      for (const r of rows) {
        byKey.set(r.id, r.id);
        byKey.set(r.slug, r.id);
      }
      const errors: FieldError[] = items.filter((i) => !byKey.has(i.value))
        .map((i) => ({ path: i.path, message: `Unknown network "${i.value}"` }));
      return { idOf: byKey, errors };
    },
  };
}

export type ReferenceCheck = ReturnType<typeof createReferenceCheck>;
