import type { ApiRegistry } from '../../http/route.ts';
import { resolveLang } from '../../lib/lang.ts';
import type { TaxonomyService } from '../../services/taxonomy/taxonomy.service.ts';
import { langQuery, taxonomyResponse } from '../../contract/taxonomy.ts';

export function registerTaxonomyRoutes(api: ApiRegistry, { taxonomy }: { taxonomy: TaxonomyService }) {
  api.route({
    method: 'get', path: '/api/taxonomy', tags: ['reference'], summary: "The Charter's 7 principles × 5 priorities",
    query: langQuery,
    responses: { 200: { description: 'The taxonomy, labels in the requested language', schema: taxonomyResponse } },
    handler: async ({ req, query }) => {
      const lang = resolveLang(req, query.lang);
      return { body: { lang, principles: await taxonomy.localized(lang) } };
    },
  });
}
