import type { Db, Tx } from '../../db/client.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { renderMarkdown } from '../practices/markdown.ts';

/**
 * A clearly labelled sample network so a new installation can be explored (`npm run seed:sample`).
 * Every row it writes has `isSample = true`; `remove()` deletes exactly those rows (and what lives
 * only inside them: a sample city's priorities and routes, a sample thread's messages). Sample users
 * cannot sign in (their password hash is not a hash). Never loaded by default.
 */
const NETWORK = { slug: 'sample-network', name: 'Sample network (demo data)', description: 'Fictional cities, practices and threads to explore the platform. Remove with `npm run seed:sample -- --remove`.' };

type SampleCity = {
  key: string; name: string; country: string; region: string; population: number; lat: number; lon: number; languages: string[];
  priorities: [string, 'offer' | 'seek' | 'both'][]; routes: [string, 'origin' | 'transit' | 'destination'][];
};

const CITIES: SampleCity[] = [
  { key: 'porto', name: 'Porto Esempio (sample)', country: 'IT', region: 'Sicilia', population: 48_000, lat: 37.5, lon: 13.2, languages: ['it', 'en'],
    priorities: [['dignity.1', 'offer'], ['solidarity.3', 'offer'], ['resilience.2', 'seek'], ['community.1', 'both']],
    routes: [['central-mediterranean', 'transit']] },
  { key: 'villa', name: 'Villa Muestra (sample)', country: 'ES', region: 'Andalucía', population: 210_000, lat: 36.8, lon: -5.9, languages: ['es', 'fr'],
    priorities: [['resilience.2', 'offer'], ['equity.2', 'seek'], ['participation.1', 'offer']],
    routes: [['western-mediterranean', 'destination'], ['atlantic-canary', 'transit']] },
  { key: 'exempleville', name: 'Exempleville (sample)', country: 'FR', region: 'Occitanie', population: 95_000, lat: 43.6, lon: 3.9, languages: ['fr', 'en'],
    priorities: [['equity.2', 'offer'], ['dignity.1', 'seek'], ['recognition.3', 'both']],
    routes: [['central-mediterranean', 'destination'], ['western-mediterranean', 'destination']] },
  { key: 'bahari', name: 'Bahari Sample Town (sample)', country: 'TN', region: 'Sfax', population: 130_000, lat: 34.7, lon: 10.8, languages: ['ar', 'fr'],
    priorities: [['solidarity.3', 'seek'], ['community.1', 'offer'], ['participation.1', 'seek']],
    routes: [['central-mediterranean', 'origin']] },
];

const PRACTICES = [
  { city: 'porto', language: 'en', title: 'Welcome desk at the harbour (sample)', priorities: ['dignity.1', 'solidarity.3'], routes: ['central-mediterranean'],
    summary: 'A sample practice: volunteers and city staff meet new arrivals at the harbour with water, information and a phone call home.',
    body: '## What we did\n\nThis is **sample data**. A welcome desk staffed by the city and volunteers, open at every landing.\n\n- water, blankets and a phone charge\n- information in five languages\n- a referral to health services',
    targetGroups: ['asylum_seekers'] },
  { city: 'villa', language: 'es', title: 'Mesa de vivienda compartida (ejemplo)', priorities: ['resilience.2', 'participation.1'], routes: ['western-mediterranean'],
    summary: 'Práctica de ejemplo: una mesa municipal reúne a propietarios, entidades y personas recién llegadas para encontrar vivienda.',
    body: '## Qué hicimos\n\nEsto son **datos de ejemplo**. Una mesa mensual de vivienda con propietarios y entidades sociales.',
    targetGroups: ['refugees'] },
  { city: 'exempleville', language: 'fr', title: 'Cours de langue au marché (exemple)', priorities: ['equity.2', 'recognition.3'], routes: ['central-mediterranean'],
    summary: 'Pratique d’exemple : des cours de français gratuits tenus chaque samedi sur le marché, avec les commerçants.',
    body: '## Ce que nous avons fait\n\nCeci est une **donnée d’exemple**. Des cours de langue ouverts à toutes et tous, sur le marché.',
    targetGroups: ['migrant_workers'] },
];

export type SampleCounts = { users: number; networks: number; cities: number; practices: number; threads: number; twinnings: number };

export function createSampleData({ db, outbox }: { db: Db; outbox: Outbox }) {
  async function counts(): Promise<SampleCounts> {
    const where = { isSample: true };
    const [users, networks, cities, practices, threads, twinnings] = await Promise.all([
      db.user.count({ where }), db.network.count({ where }), db.city.count({ where }),
      db.practice.count({ where }), db.thread.count({ where }), db.twinning.count({ where }),
    ]);
    return { users, networks, cities, practices, threads, twinnings };
  }

  /** Loads the sample network once; a second run changes nothing. */
  async function load(): Promise<{ created: boolean; counts: SampleCounts }> {
    if (await db.network.findFirst({ where: { slug: NETWORK.slug, isSample: true } })) return { created: false, counts: await counts() };
    await db.$transaction(async (tx) => {
      const routes = new Map((await tx.route.findMany({ select: { id: true, slug: true } })).map((r) => [r.slug, r.id]));
      const network = await tx.network.create({ data: { ...NETWORK, isSample: true } });
      const cityIds = new Map<string, string>();
      const focal = new Map<string, string>();
      for (const c of CITIES) {
        const city = await tx.city.create({ data: {
          isSample: true, name: c.name, countryCode: c.country, region: c.region, population: c.population, lat: c.lat, lon: c.lon, languages: c.languages,
          networks: { create: { networkId: network.id } },
          priorities: { create: c.priorities.map(([priorityCode, stance]) => ({ priorityCode, stance })) },
          routes: { create: c.routes.filter(([slug]) => routes.has(slug)).map(([slug, role]) => ({ routeId: routes.get(slug)!, role })) },
        } });
        cityIds.set(c.key, city.id);
        const user = await tx.user.create({ data: {
          isSample: true, email: `sample.${c.key}@example.invalid`, name: `Sample focal point, ${c.name.replace(' (sample)', '')}`,
          passwordHash: 'sample account: signing in is disabled', locale: c.languages[0] === 'es' || c.languages[0] === 'fr' ? c.languages[0] : 'en',
          cityMemberships: { create: { cityId: city.id, role: 'focal_point' } },
        } });
        focal.set(c.key, user.id);
      }
      const now = new Date();
      for (const p of PRACTICES) {
        const practice = await tx.practice.create({ data: {
          isSample: true, title: p.title, summary: p.summary, body: p.body, bodyHtml: renderMarkdown(p.body), language: p.language,
          cityId: cityIds.get(p.city)!, authorId: focal.get(p.city)!, status: 'published', publishedAt: now, targetGroups: p.targetGroups,
          howTo: { process: 'Sample: how it was set up.', challenges: 'Sample: what was hard.', successFactors: 'Sample: what helped.', transferability: 'Sample: what another city needs.' },
          priorities: { create: p.priorities.map((priorityCode) => ({ priorityCode })) },
          routes: { create: p.routes.filter((s) => routes.has(s)).map((s) => ({ routeId: routes.get(s)! })) },
        } });
        await outbox.add(tx, { job: 'search.index-practice', payload: { practiceId: practice.id }, key: `${practice.id}-sample-load` });
      }
      await thread(tx, 'Sharing our harbour welcome desk (sample)', ['porto', 'exempleville'], [
        ['porto', 'Hello from Porto Esempio! This thread is sample data. Happy to share how our welcome desk works.'],
        ['exempleville', 'Merci ! We would like to visit in spring. (sample message)'],
      ], cityIds, focal);
      await thread(tx, 'Housing round table (sample)', ['villa', 'bahari'], [
        ['villa', 'Sample message: our monthly housing table could work for you too.'],
      ], cityIds, focal);
      const [from, to] = [cityIds.get('porto')!, cityIds.get('exempleville')!];
      await tx.twinning.create({ data: {
        isSample: true, fromCityId: from, toCityId: to, themes: ['dignity.1', 'equity.2'],
        message: 'A sample twinning between two fictional cities.', status: 'active', requestedById: focal.get('porto')!,
        activatedAt: now, openPairKey: [from, to].sort().join(':'),
        consents: { create: [
          { cityId: from, consentedAt: now, consentedById: focal.get('porto')! },
          { cityId: to, consentedAt: now, consentedById: focal.get('exempleville')! },
        ] },
        events: { create: [
          { actorId: focal.get('porto')!, kind: 'request', cityId: from, toStatus: 'requested' },
          { actorId: focal.get('exempleville')!, kind: 'accept', cityId: to, fromStatus: 'requested', toStatus: 'active' },
        ] },
      } });
    });
    return { created: true, counts: await counts() };
  }

  async function thread(tx: Tx, title: string, cities: string[], messages: [string, string][], cityIds: Map<string, string>, focal: Map<string, string>) {
    const created = await tx.thread.create({ data: {
      isSample: true, title, createdById: focal.get(cities[0])!, lastSeq: messages.length, lastMessageAt: new Date(),
      cities: { create: cities.map((k) => ({ cityId: cityIds.get(k)! })) },
    } });
    await tx.message.createMany({ data: messages.map(([who, body], i) => ({
      threadId: created.id, authorId: focal.get(who)!, seq: i + 1, body, bodyHtml: renderMarkdown(body),
    })) });
  }

  /** Deletes every sample row, children first; rows not marked as sample are never touched. */
  async function remove(): Promise<SampleCounts> {
    const before = await counts();
    await db.$transaction(async (tx) => {
      const where = { isSample: true };
      const practices = await tx.practice.findMany({ where, select: { id: true } });
      await tx.message.deleteMany({ where: { thread: where } });
      await tx.thread.deleteMany({ where });
      await tx.twinning.deleteMany({ where });
      await tx.practice.deleteMany({ where });
      // the search index drops what the indexer can no longer read
      await outbox.addMany(tx, practices.map((p) => ({ job: 'search.index-practice' as const, payload: { practiceId: p.id }, key: `${p.id}-sample-remove` })));
      await tx.city.deleteMany({ where });
      await tx.user.deleteMany({ where });
      await tx.network.deleteMany({ where });
    });
    return before;
  }

  return { load, remove, counts };
}

export type SampleData = ReturnType<typeof createSampleData>;
