/**
 * A generated corpus of good practices for the search benchmark: en/fr/es, realistic lengths (title
 * 5–12 words, summary 25–60, body 150–400), a domain vocabulary drawn with Zipf weights (a few words in
 * most practices, most words in few) and a long tail of proper names (neighbourhoods, programmes,
 * partner organisations) of which most appear in a handful of practices only, as in real reports.
 *
 * Deterministic: practice `i` is always the same text for the same seed, so queries can be derived
 * from any practice without keeping 100,000 of them in memory.
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Draws indexes 0..n-1 with probability ∝ 1/(i+1)^s (binary search over the cumulative weights). */
export function zipf(n: number, s = 1.0) {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / (i + 1) ** s;
  return (r: Rng) => {
    const x = r() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

type L = 'en' | 'fr' | 'es';
const LANGS: L[] = ['en', 'fr', 'es'];
const tri = (rows: string) => rows.trim().split('\n').map((l) => l.split('|').map((s) => s.trim()) as [string, string, string]);

/** Things practices are about (en | fr | es), most common first. */
const CONCEPTS = tri(`
housing | logement | vivienda
reception | accueil | acogida
integration | intégration | integración
language courses | cours de langue | cursos de idioma
legal aid | aide juridique | asistencia jurídica
health care | soins de santé | atención sanitaria
employment | emploi | empleo
education | éducation | educación
shelter | hébergement | albergue
community centre | centre communautaire | centro comunitario
mentoring | parrainage | mentoría
vocational training | formation professionnelle | formación profesional
psychosocial support | soutien psychosocial | apoyo psicosocial
civic participation | participation citoyenne | participación ciudadana
social cohesion | cohésion sociale | cohesión social
anti-discrimination | lutte contre les discriminations | lucha contra la discriminación
family reunification | regroupement familial | reagrupación familiar
search and rescue | recherche et sauvetage | búsqueda y rescate
humanitarian aid | aide humanitaire | ayuda humanitaria
case management | gestion de cas | gestión de casos
alternatives to detention | alternatives à la détention | alternativas a la detención
welcome desk | guichet d'accueil | oficina de acogida
interpreters | interprètes | intérpretes
cultural mediation | médiation culturelle | mediación cultural
schooling | scolarisation | escolarización
childcare | garde d'enfants | cuidado infantil
women's groups | groupes de femmes | grupos de mujeres
youth clubs | clubs de jeunes | clubes juveniles
sports | sport | deporte
theatre | théâtre | teatro
music workshops | ateliers de musique | talleres de música
urban gardens | jardins urbains | huertos urbanos
food bank | banque alimentaire | banco de alimentos
community kitchen | cuisine solidaire | cocina comunitaria
microcredit | microcrédit | microcrédito
entrepreneurship | entrepreneuriat | emprendimiento
job fairs | salons de l'emploi | ferias de empleo
skills recognition | reconnaissance des compétences | reconocimiento de competencias
diploma validation | validation des diplômes | homologación de títulos
residence permits | titres de séjour | permisos de residencia
registration | domiciliation | empadronamiento
birth certificates | actes de naissance | actas de nacimiento
identity documents | papiers d'identité | documentos de identidad
hotline | ligne d'écoute | línea de atención
mobile clinic | clinique mobile | clínica móvil
mental health | santé mentale | salud mental
vaccination | vaccination | vacunación
maternity care | soins maternels | atención materna
dental care | soins dentaires | atención dental
trauma counselling | accompagnement du trauma | atención al trauma
peer support | soutien par les pairs | apoyo entre pares
volunteering | bénévolat | voluntariado
sponsorship | parrainage citoyen | patrocinio comunitario
host families | familles d'accueil | familias de acogida
social housing | logement social | vivienda social
rent guarantees | garanties locatives | garantías de alquiler
emergency accommodation | hébergement d'urgence | alojamiento de emergencia
winter shelter | abri hivernal | refugio invernal
transit camp | camp de transit | campamento de tránsito
border crossing | passage de frontière | paso fronterizo
bus terminal | gare routière | terminal de autobuses
port arrivals | arrivées au port | llegadas al puerto
boat landings | débarquements | desembarcos
missing persons | personnes disparues | personas desaparecidas
burial | inhumation | sepultura
memorial | mémorial | memorial
identification of the dead | identification des défunts | identificación de fallecidos
family tracing | recherche familiale | búsqueda de familiares
digital inclusion | inclusion numérique | inclusión digital
wifi points | points wifi | puntos wifi
phone charging | recharge de téléphones | carga de teléfonos
information campaigns | campagnes d'information | campañas informativas
rumour control | lutte contre les rumeurs | control de rumores
media training | formation aux médias | formación en medios
hate speech | discours de haine | discurso de odio
intercultural dialogue | dialogue interculturel | diálogo intercultural
religious communities | communautés religieuses | comunidades religiosas
neighbourhood associations | associations de quartier | asociaciones vecinales
participatory budget | budget participatif | presupuesto participativo
migrant council | conseil des migrants | consejo de migrantes
city charter | charte municipale | carta municipal
data collection | collecte de données | recogida de datos
monitoring | suivi | seguimiento
evaluation | évaluation | evaluación
funding | financement | financiación
partnerships | partenariats | alianzas
twinning | jumelage | hermanamiento
climate adaptation | adaptation climatique | adaptación climática
disaster relief | secours en cas de catastrophe | socorro en desastres
drought | sécheresse | sequía
flood recovery | reconstruction après inondation | recuperación tras inundaciones
rural exodus | exode rural | éxodo rural
seasonal workers | travailleurs saisonniers | trabajadores temporeros
labour rights | droits du travail | derechos laborales
domestic workers | travailleuses domestiques | trabajadoras del hogar
trafficking prevention | prévention de la traite | prevención de la trata
safe houses | maisons sûres | casas seguras
gender-based violence | violences de genre | violencia de género
unaccompanied children | enfants non accompagnés | niños no acompañados
age assessment | évaluation de l'âge | determinación de la edad
guardianship | tutelle | tutela
foster care | placement familial | acogimiento familiar
school enrolment | inscription scolaire | matriculación escolar
homework clubs | aide aux devoirs | refuerzo escolar
university access | accès à l'université | acceso a la universidad
scholarships | bourses d'études | becas
libraries | bibliothèques | bibliotecas
museums | musées | museos
storytelling | récits de vie | relatos de vida
photography | photographie | fotografía
football | football | fútbol
cycling | vélo | ciclismo
public transport | transports publics | transporte público
bike repair | réparation de vélos | reparación de bicicletas
social economy | économie sociale | economía social
cooperatives | coopératives | cooperativas
street markets | marchés de rue | mercados callejeros
street vendors | vendeurs de rue | vendedores ambulantes
return programmes | programmes de retour | programas de retorno
reintegration | réintégration | reintegración
diaspora investment | investissement de la diaspora | inversión de la diáspora
remittances | transferts de fonds | remesas
local development | développement local | desarrollo local
regional cooperation | coopération régionale | cooperación regional
municipal services | services municipaux | servicios municipales
one-stop shop | guichet unique | ventanilla única
social workers | travailleurs sociaux | trabajadores sociales
police training | formation de la police | formación policial
firefighters | pompiers | bomberos
coast guard | garde-côtes | guardacostas
`);

const ADJECTIVES = tri(`
local | local | local
municipal | municipal | municipal
inclusive | inclusif | inclusivo
temporary | temporaire | temporal
free | gratuit | gratuito
mobile | mobile | móvil
shared | partagé | compartido
safe | sûr | seguro
regional | régional | regional
innovative | innovant | innovador
participatory | participatif | participativo
intercultural | interculturel | intercultural
multilingual | multilingue | multilingüe
digital | numérique | digital
emergency | d'urgence | de emergencia
long-term | à long terme | a largo plazo
community-led | communautaire | comunitario
sustainable | durable | sostenible
accessible | accessible | accesible
confidential | confidentiel | confidencial
`);

const VERBS = tri(`
supports | soutient | apoya
offers | propose | ofrece
connects | relie | conecta
trains | forme | forma
welcomes | accueille | acoge
guides | oriente | orienta
funds | finance | financia
coordinates | coordonne | coordina
protects | protège | protege
helps | aide | ayuda
organises | organise | organiza
brings together | rassemble | reúne
accompanies | accompagne | acompaña
informs | informe | informa
documents | documente | documenta
improves | améliore | mejora
strengthens | renforce | refuerza
opens | ouvre | abre
involves | implique | implica
measures | mesure | mide
`);

/** Who benefits, as written in prose. */
const GROUPS = tri(`
refugees | réfugiés | refugiados
asylum seekers | demandeurs d'asile | solicitantes de asilo
migrants in transit | migrants en transit | migrantes en tránsito
newcomers | nouveaux arrivants | recién llegados
families | familles | familias
young people | jeunes | jóvenes
women | femmes | mujeres
children | enfants | niños
older residents | habitants âgés | residentes mayores
workers | travailleurs | trabajadores
students | étudiants | estudiantes
volunteers | bénévoles | voluntarios
neighbours | voisins | vecinos
returnees | personnes de retour | retornados
displaced people | personnes déplacées | personas desplazadas
`);

const GLUE = {
  en: { det: ['the', 'a', 'our', 'this', 'each', 'every'], prep: ['in', 'with', 'for', 'across', 'through', 'near', 'after', 'during'], conj: ['and', 'but', 'while', 'because', 'so'], filler: ['also', 'now', 'together', 'every week', 'since 2019', 'in practice', 'over time'] },
  fr: { det: ['le', 'la', 'les', 'un', 'une', 'des', 'notre', 'ce', 'chaque'], prep: ['dans', 'avec', 'pour', 'à', 'par', 'près de', 'après', 'pendant'], conj: ['et', 'mais', 'tandis que', 'car', 'donc'], filler: ['aussi', 'désormais', 'ensemble', 'chaque semaine', 'depuis 2019', 'en pratique', 'avec le temps'] },
  es: { det: ['el', 'la', 'los', 'las', 'un', 'una', 'nuestro', 'este', 'cada'], prep: ['en', 'con', 'para', 'a', 'por', 'cerca de', 'tras', 'durante'], conj: ['y', 'pero', 'mientras', 'porque', 'así que'], filler: ['también', 'ahora', 'juntos', 'cada semana', 'desde 2019', 'en la práctica', 'con el tiempo'] },
} as const;

const TITLE = {
  // every title names something of its own (a place, a programme, a partner), as real titles do
  en: ['{C} for {G} in {E}', '{E}: {C} and {C2}', '{A} {C} with {G} in {E}', 'The {E} {C} programme', '{C} and {C2} for {G} in {E}', '{E} {C} network', 'How {E} runs {A} {C}'],
  fr: ['{C} pour les {G} à {E}', '{E} : {C} et {C2}', '{C} {A} avec les {G} à {E}', 'Le programme {C} de {E}', '{C} et {C2} pour les {G} à {E}', 'Réseau {C} de {E}', 'Comment {E} organise {C}'],
  es: ['{C} para {G} en {E}', '{E}: {C} y {C2}', '{C} {A} con {G} en {E}', 'El programa {C} de {E}', '{C} y {C2} para {G} en {E}', 'Red de {C} de {E}', 'Cómo {E} organiza {C}'],
} as const;

// Proper names: syllables → a long tail of neighbourhoods, programmes and partner organisations.
const SYL = ['ba', 'bel', 'ca', 'cor', 'da', 'del', 'fa', 'gar', 'ka', 'la', 'lu', 'ma', 'mar', 'mon', 'na', 'nor', 'pa', 'pel',
  'ra', 'ren', 'sa', 'sol', 'ta', 'ter', 'va', 'vel', 'za', 'zor', 'bri', 'dro', 'fle', 'gua', 'qui', 'tra', 'xen', 'yal', 'kel',
  'mi', 'no', 'ri', 'to', 'su', 'ven', 'lor', 'dan', 'tes', 'bar', 'cel', 'dor', 'fin'];
const ENDINGS = ['', 'a', 'o', 'ia', 'el', 'ar', 'on', 'ville', 'burg', 'ino', 'era', 'ou', 'ez', 'ak'];
export const NAME_POOL = 60_000;

/** The n-th proper name: deterministic, 2–3 syllables plus an ending, capitalised. */
export function properName(n: number) {
  const r = rng(0x9e3779b1 ^ n);
  const parts = [pick(r, SYL), pick(r, SYL), ...(r() < 0.45 ? [pick(r, SYL)] : []), pick(r, ENDINGS)];
  const word = parts.join('');
  return word[0].toUpperCase() + word.slice(1);
}

const conceptOf = zipf(CONCEPTS.length, 0.9);
const groupOf = zipf(GROUPS.length, 0.8);
const nameOf = zipf(NAME_POOL, 0.75);
const adjOf = zipf(ADJECTIVES.length, 0.7);
const verbOf = zipf(VERBS.length, 0.7);

export type GeneratedPractice = {
  title: string;
  summary: string;
  body: string;
  language: L;
};

function fill(template: string, r: Rng, lang: L, names: string[], topics: number[]) {
  const li = LANGS.indexOf(lang);
  return template
    .replace('{C2}', CONCEPTS[topics[1]][li])
    .replace('{C}', CONCEPTS[topics[0]][li])
    .replace('{G}', GROUPS[groupOf(r)][li])
    .replace('{A}', ADJECTIVES[adjOf(r)][li])
    .replace('{E}', names[0]);
}

function sentence(r: Rng, lang: L, names: string[], topics: number[]) {
  const li = LANGS.indexOf(lang);
  const g = GLUE[lang];
  // a practice writes mostly about its own few topics, now and then about anything
  const noun = () => CONCEPTS[r() < 0.94 ? pick(r, topics) : conceptOf(r)][li];
  const adjNoun = () => {
    const a = ADJECTIVES[adjOf(r)][li];
    const n = noun();
    return lang === 'en' ? `${a} ${n}` : `${n} ${a}`;
  };
  const parts = [pick(r, g.det), r() < 0.3 ? adjNoun() : noun(), VERBS[verbOf(r)][li], pick(r, g.det), noun()];
  if (r() < 0.7) parts.push(pick(r, g.prep), r() < 0.3 ? pick(r, names) : GROUPS[groupOf(r)][li]);
  if (r() < 0.35) parts.push(pick(r, g.conj), pick(r, g.det), noun(), VERBS[verbOf(r)][li], pick(r, g.det), adjNoun());
  if (r() < 0.25) parts.push(pick(r, g.filler));
  if (r() < 0.08) parts.push(`(${int(r, 12, 4000)} ${lang === 'en' ? 'people' : lang === 'fr' ? 'personnes' : 'personas'})`);
  const s = parts.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

/** Practice `i` of the corpus for `seed`. */
export function generatePractice(seed: number, i: number): GeneratedPractice {
  const r = rng((seed * 1_000_003) ^ (i * 2654435761));
  const lang: L = r() < 0.4 ? 'en' : r() < 0.5 ? 'fr' : 'es';
  const li = LANGS.indexOf(lang);
  // the practice's own names: where it happens, what it is called, who runs it
  const names = Array.from({ length: 3 }, () => properName(nameOf(r)));
  const topics = [...new Set(Array.from({ length: int(r, 4, 8) }, () => conceptOf(r)))];
  if (topics.length < 2) topics.push((topics[0] + 1) % CONCEPTS.length);
  const filled = fill(pick(r, TITLE[lang]), r, lang, names, topics);
  const title = filled[0].toUpperCase() + filled.slice(1);
  const summaryLen = int(r, 25, 60);
  const bodyLen = int(r, 150, 400);
  const paragraph = (words: number) => {
    const out: string[] = [];
    let n = 0;
    while (n < words) {
      const s = sentence(r, lang, names, topics);
      out.push(s);
      n += s.split(' ').length;
    }
    return out.join(' ');
  };
  const summary = paragraph(summaryLen);
  const paragraphs: string[] = [];
  let written = 0;
  while (written < bodyLen) {
    const p = paragraph(int(r, 40, 90));
    paragraphs.push(p);
    written += p.split(' ').length;
  }
  const heading = { en: 'How it works', fr: 'Fonctionnement', es: 'Cómo funciona' }[lang];
  const body = `## ${heading}\n\n${paragraphs.join('\n\n')}\n\n- ${CONCEPTS[pick(r, topics)][li]}\n- ${GROUPS[groupOf(r)][li]}\n- ${names[1]}, ${names[2]}`;
  return { title, summary, body, language: lang };
}

/** Charter priorities, routes and target groups of practice `i`: skewed like real tagging. */
export function generateTags(seed: number, i: number, codes: { priorities: string[]; routes: string[]; targetGroups: string[] }) {
  const r = rng((seed * 7919) ^ (i * 40503));
  const p = zipf(codes.priorities.length, 0.6);
  const priorities = [...new Set(Array.from({ length: int(r, 1, 3) }, () => codes.priorities[p(r)]))];
  const routes = r() < 0.6 ? [...new Set(Array.from({ length: int(r, 1, 2) }, () => pick(r, codes.routes)))] : [];
  const targetGroups = [...new Set(Array.from({ length: int(r, 0, 3) }, () => pick(r, codes.targetGroups)))];
  return { priorities, routes, targetGroups };
}
