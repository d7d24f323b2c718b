import { createPostgresSearchEngine } from '../server/services/search/postgres/engine.ts';
const url = process.env.B!;
const ours = createPostgresSearchEngine({ databaseUrl: url, poolSize: 1, cacheSize: 0 });
const words = ['housing', 'logement', 'vivienda', 'reception', 'accueil', 'acogida', 'integration', 'intégration', 'integración',
  'language courses', 'cours de langue', 'cursos de idioma', 'legal aid', 'aide juridique', 'asistencia jurídica',
  'health care', 'soins de santé', 'atención sanitaria', 'employment', 'emploi', 'empleo', 'education', 'éducation', 'educación',
  'shelter', 'hébergement', 'albergue', 'mentoring', 'parrainage', 'mentoría'];
const qs: [string, any][] = [...words.map((w) => [w, {}] as [string, any]), ['', { language: ['en'] }], ['', { region: ['Europe'] }], ['', { principle: ['dignity'] }], ['', { route: ['central-mediterranean'] }]];
for (const [q, filters] of qs) await ours.search({ q, filters, page: 1, perPage: 10 });
for (const [q, filters] of qs) {
  const a = performance.now();
  const r = await ours.search({ q, filters, page: 1, perPage: 10 });
  const b = performance.now();
  console.log((q || JSON.stringify(filters)).padEnd(28), `${(b - a).toFixed(1)}ms`, `total ${r.total}${r.totalIsEstimate ? '~' : ''}`);
}
await ours.close();
