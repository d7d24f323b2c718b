import type { Db } from '../../../server/db/client.ts';
import { renderMarkdown } from '../../../server/services/practices/markdown.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createUser } from '../../factories/users.ts';

type Status = 'draft' | 'in_review' | 'published' | 'archived';
export type FixturePractice = {
  key: string;
  title: string;
  summary: string;
  body: string;
  language: string;
  city: 'palermo' | 'nantes' | 'barcelona' | 'tapachula' | 'dakar';
  priorities: string[];
  routes?: string[];
  targetGroups?: string[];
  status?: Status;
  /** Days before "now": orders ties by recency. */
  age: number;
};

/**
 * A small multilingual world where every expected answer can be worked out by hand. P5 and P4 are
 * tagged dignity.2 ("Alternatives to detention; no criminalisation of migration") but only P4 says
 * "detention"; P5's text never mentions it, so only the taxonomy labels can find it.
 */
export const FIXTURES: FixturePractice[] = [
  { key: 'kitchen', title: 'Community kitchen for newly arrived families', summary: 'Neighbours and newcomers cook together every week.',
    body: 'The district centre opens its kitchen on Tuesdays. Volunteers give housing advice while the meal is prepared.',
    language: 'en', city: 'palermo', priorities: ['solidarity.3', 'dignity.1'], routes: ['central-mediterranean'], targetGroups: ['families'], age: 1 },
  { key: 'langue', title: 'Cours de langue pour mineurs non accompagnés', summary: 'Des bénévoles enseignent le français aux jeunes arrivés seuls.',
    body: "L'intégration passe par la langue, le logement et l'école.",
    language: 'fr', city: 'nantes', priorities: ['equity.2'], routes: ['western-mediterranean'], targetGroups: ['unaccompanied_minors', 'children_and_youth'], age: 2 },
  { key: 'vivienda', title: 'Vivienda temporal para familias solicitantes de asilo', summary: 'Pisos municipales para familias mientras se resuelve su solicitud.',
    body: 'El ayuntamiento cede viviendas vacías y acompaña a las familias.',
    language: 'es', city: 'barcelona', priorities: ['dignity.1', 'equity.1'], routes: ['western-mediterranean'], targetGroups: ['families', 'asylum_seekers'], age: 3 },
  { key: 'detention', title: 'Case management instead of immigration detention', summary: 'Social workers accompany people whose cases are pending.',
    body: 'People stay in the community while their case is examined; detention is avoided.',
    language: 'en', city: 'palermo', priorities: ['dignity.2'], age: 4 },
  { key: 'clinic', title: 'Free legal clinic at the bus terminal', summary: 'Lawyers answer questions of people passing through.',
    body: 'A desk staffed by volunteer lawyers, open every evening. The clinic also runs a hotline.',
    language: 'en', city: 'tapachula', priorities: ['dignity.2', 'participation.1'], routes: ['mesoamerican'], targetGroups: ['migrants_in_transit'], age: 5 },
  { key: 'html', title: '<b>Bold</b> & <script>alert(1)</script> theatre workshop', summary: 'A theatre workshop whose title is full of markup.',
    body: 'Rehearsals twice a week with residents and newcomers.',
    language: 'en', city: 'dakar', priorities: ['community.2'], age: 6 },
  { key: 'bodyonly', title: 'Neighbourhood welcome walks', summary: 'Residents show newcomers around their district.',
    body: 'Walks end at the community kitchen of the market hall, where tea is served.',
    language: 'en', city: 'nantes', priorities: ['community.1'], age: 7 },
  // never in the index
  { key: 'draft', title: 'Secret kitchen garden draft', summary: 'Not ready.', body: 'Kitchen garden plans.',
    language: 'en', city: 'palermo', priorities: ['solidarity.3'], status: 'draft', age: 0 },
  { key: 'review', title: 'Kitchen cooperative awaiting review', summary: 'Pending.', body: 'Kitchen cooperative.',
    language: 'en', city: 'palermo', priorities: ['solidarity.3'], status: 'in_review', age: 0 },
  { key: 'archived', title: 'Archived kitchen project', summary: 'Over.', body: 'Kitchen project that ended.',
    language: 'en', city: 'palermo', priorities: ['solidarity.3'], status: 'archived', age: 0 },
];

export const FIXTURE_NETWORK = 'fixture-network';

export const PUBLISHED = FIXTURES.filter((f) => (f.status ?? 'published') === 'published');

/** Writes the fixtures (straight to the database, as if they went through the workflow); key → id. */
export async function createFixtures(db: Db) {
  const author = await createUser(db);
  // Palermo and Barcelona are in the network FIXTURE_NETWORK, the others in none
  const network = await createNetwork(db, { slug: FIXTURE_NETWORK });
  const cities = {
    palermo: await createCity(db, { name: 'Palermo', countryCode: 'IT', languages: ['it'], networkIds: [network.id] }),
    nantes: await createCity(db, { name: 'Nantes', countryCode: 'FR', languages: ['fr'] }),
    barcelona: await createCity(db, { name: 'Barcelona', countryCode: 'ES', languages: ['es', 'ca'], networkIds: [network.id] }),
    tapachula: await createCity(db, { name: 'Tapachula', countryCode: 'MX', languages: ['es'] }),
    dakar: await createCity(db, { name: 'Dakar', countryCode: 'SN', languages: ['fr'] }),
  };
  const routes = new Map((await db.route.findMany()).map((r) => [r.slug, r.id]));
  const ids: Record<string, string> = {};
  for (const f of FIXTURES) {
    const status = f.status ?? 'published';
    const p = await db.practice.create({
      data: {
        title: f.title, summary: f.summary, body: f.body, bodyHtml: renderMarkdown(f.body), language: f.language,
        cityId: cities[f.city].id, authorId: author.id, status, targetGroups: f.targetGroups ?? [],
        publishedAt: status === 'published' || status === 'archived' ? new Date(Date.now() - f.age * 86_400_000) : null,
        priorities: { create: f.priorities.map((priorityCode) => ({ priorityCode })) },
        routes: { create: (f.routes ?? []).map((slug) => ({ routeId: routes.get(slug)! })) },
      },
    });
    ids[f.key] = p.id;
  }
  return { ids, cities, author };
}
