import { ISO_639_1, languageName } from '../../lib/languages.ts';
import type { Lang } from '../../lib/lang.ts';
import { ROLES, type MatchIndex, type Role } from './match-index.ts';
import { OUT, SIGNALS, type Signal } from './score.ts';

export type Reason = { kind: Signal; detail: string; weight: number; data: Record<string, unknown> };

export type ReasonContext = {
  lang: Lang;
  sourceName: string;
  candidateName: string;
  routeOf: (routeId: string) => { slug: string; name: string } | undefined;
  priorityLabel: (code: string) => string;
  /** at or below this distance the reason says "nearby"; above it, only the distance (NEARBY_KM) */
  nearbyKm: number;
};

const T = {
  en: {
    roles: { origin: 'origin', transit: 'transit', destination: 'destination' },
    offers: (who: string, whom: string, list: string) => `${who} offers what ${whom} seeks: ${list}`,
    shared: (list: string) => `Both work on: ${list}`,
    route: (ra: string, a: string, rb: string, b: string, route: string) => `${ra} (${a}) ↔ ${rb} (${b}) on ${route}`,
    language: (n: number, list: string) => `Common working language${n > 1 ? 's' : ''}: ${list}`,
    size: (pa: string, pb: string) => `Comparable size: ${pa} and ${pb} inhabitants`,
    distance: (km: string) => `${km} km apart`,
    nearby: (km: string) => `Nearby: ${km} km apart`,
  },
  fr: {
    roles: { origin: 'origine', transit: 'transit', destination: 'destination' },
    offers: (who: string, whom: string, list: string) => `${who} offre ce que ${whom} recherche : ${list}`,
    shared: (list: string) => `Travaillent toutes deux sur : ${list}`,
    route: (ra: string, a: string, rb: string, b: string, route: string) => `${ra} (${a}) ↔ ${rb} (${b}) sur ${route}`,
    language: (n: number, list: string) => (n > 1 ? `Langues de travail communes : ${list}` : `Langue de travail commune : ${list}`),
    size: (pa: string, pb: string) => `Taille comparable : ${pa} et ${pb} habitants`,
    distance: (km: string) => `À ${km} km l'une de l'autre`,
    nearby: (km: string) => `Proches : à ${km} km l'une de l'autre`,
  },
  es: {
    roles: { origin: 'origen', transit: 'tránsito', destination: 'destino' },
    offers: (who: string, whom: string, list: string) => `${who} ofrece lo que ${whom} busca: ${list}`,
    shared: (list: string) => `Ambas trabajan en: ${list}`,
    route: (ra: string, a: string, rb: string, b: string, route: string) => `${ra} (${a}) ↔ ${rb} (${b}) en ${route}`,
    language: (n: number, list: string) => (n > 1 ? `Idiomas de trabajo comunes: ${list}` : `Idioma de trabajo común: ${list}`),
    size: (pa: string, pb: string) => `Tamaño comparable: ${pa} y ${pb} habitantes`,
    distance: (km: string) => `A ${km} km de distancia`,
    nearby: (km: string) => `Cercanas: a ${km} km de distancia`,
  },
} satisfies Record<Lang, unknown>;

function bits(words: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < words.length; k++) {
    let w = words[k] >>> 0;
    while (w !== 0) {
      const low = w & -w;
      out.push(k * 32 + 31 - Math.clz32(low));
      w = (w ^ low) >>> 0;
    }
  }
  return out;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** What one signal contributed to a score, and the facts it came from (ids and codes, not yet words). */
export type Fact =
  | { kind: 'complementary_priority'; weight: number; data: { candidateOffers: string[]; sourceOffers: string[]; count: number } }
  | { kind: 'shared_priority'; weight: number; data: { priorities: string[] } }
  | { kind: 'route'; weight: number; data: { routeIds: string[]; sourceRole: Role; candidateRole: Role; value: number } }
  | { kind: 'language'; weight: number; data: { languages: string[] } }
  | { kind: 'size'; weight: number; data: { sourcePopulation: number; candidatePopulation: number; ratio: number } }
  | { kind: 'distance'; weight: number; data: { km: number } };

/**
 * The facts behind one score, read from the contributions and counts `pairScore` wrote into `out` and
 * the same index bits it read. Synchronous on purpose: called right after the ranking, before any
 * await, so a concurrent index update cannot slip between a score and its explanation. One fact per
 * signal that contributed; its weight is that contribution, so the weights add up to the score.
 */
export function explainPair(ix: MatchIndex, a: number, b: number, out: Float64Array): Fact[] {
  const { wp, wr, wl } = ix;
  const codes = (mask: (k: number) => number) => bits(Array.from({ length: wp }, (_, k) => mask(k))).map((i) => ix.priorityCodes[i]);
  const ao = (k: number) => ix.offer[a * wp + k], as = (k: number) => ix.seek[a * wp + k];
  const bo = (k: number) => ix.offer[b * wp + k], bs = (k: number) => ix.seek[b * wp + k];
  const weight = (kind: Signal) => round4(out[SIGNALS.indexOf(kind)]);
  const facts: Fact[] = [];

  if (out[0] > 0) {
    facts.push({ kind: 'complementary_priority', weight: weight('complementary_priority'), data: {
      candidateOffers: codes((k) => bo(k) & as(k)),
      sourceOffers: codes((k) => ao(k) & bs(k)),
      count: out[OUT.complementaryCount],
    } });
  }
  if (out[1] > 0) {
    facts.push({ kind: 'shared_priority', weight: weight('shared_priority'), data: {
      priorities: codes((k) => (ao(k) | as(k)) & (bo(k) | bs(k)) & ~((ao(k) & bs(k)) | (bo(k) & as(k)))),
    } });
  }
  if (out[2] > 0) {
    const ra = out[OUT.routeA], rb = out[OUT.routeB];
    const common = bits(Array.from({ length: wr }, (_, k) => ix.routes[(a * 3 + ra) * wr + k] & ix.routes[(b * 3 + rb) * wr + k]));
    facts.push({ kind: 'route', weight: weight('route'), data: {
      routeIds: common.map((i) => ix.routeIds[i]), sourceRole: ROLES[ra], candidateRole: ROLES[rb], value: out[OUT.routeValue],
    } });
  }
  if (out[3] > 0) {
    facts.push({ kind: 'language', weight: weight('language'), data: {
      languages: bits(Array.from({ length: wl }, (_, k) => ix.langs[a * wl + k] & ix.langs[b * wl + k])).map((i) => ISO_639_1[i]),
    } });
  }
  if (out[4] > 0) {
    const sourcePopulation = ix.pop[a], candidatePopulation = ix.pop[b];
    const ratio = Math.max(sourcePopulation, candidatePopulation) / Math.min(sourcePopulation, candidatePopulation);
    facts.push({ kind: 'size', weight: weight('size'), data: { sourcePopulation, candidatePopulation, ratio: Math.round(ratio * 100) / 100 } });
  }
  if (out[5] > 0) facts.push({ kind: 'distance', weight: weight('distance'), data: { km: Math.round(out[OUT.km]) } });
  return facts.sort((p, q) => q.weight - p.weight);
}

/** Facts put into words in the reader's language; `data` keeps the checkable facts (route slugs, not ids). */
export function describe(facts: Fact[], ctx: ReasonContext): Reason[] {
  const t = T[ctx.lang];
  const fmt = new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 0 });
  const labels = (list: string[]) => list.map(ctx.priorityLabel).join('; ');
  return facts.map((f): Reason => {
    switch (f.kind) {
      case 'complementary_priority': {
        const { candidateOffers, sourceOffers } = f.data;
        const detail = [
          candidateOffers.length ? t.offers(ctx.candidateName, ctx.sourceName, labels(candidateOffers)) : '',
          sourceOffers.length ? t.offers(ctx.sourceName, ctx.candidateName, labels(sourceOffers)) : '',
        ].filter(Boolean).join(' · ');
        return { kind: f.kind, detail, weight: f.weight, data: f.data };
      }
      case 'shared_priority':
        return { kind: f.kind, detail: t.shared(labels(f.data.priorities)), weight: f.weight, data: f.data };
      case 'route': {
        const [first, ...others] = f.data.routeIds.map(ctx.routeOf);
        const { sourceRole, candidateRole, value } = f.data;
        return {
          kind: f.kind,
          detail: t.route(t.roles[sourceRole], ctx.sourceName, t.roles[candidateRole], ctx.candidateName, first?.name ?? '?'),
          weight: f.weight,
          data: { route: first?.slug, sourceRole, candidateRole, value, ...(others.length ? { alsoOn: others.map((r) => r?.slug) } : {}) },
        };
      }
      case 'language':
        return {
          kind: f.kind,
          detail: t.language(f.data.languages.length, f.data.languages.map((c) => languageName(c, ctx.lang)).join(', ')),
          weight: f.weight,
          data: f.data,
        };
      case 'size':
        return { kind: f.kind, detail: t.size(fmt.format(f.data.sourcePopulation), fmt.format(f.data.candidatePopulation)), weight: f.weight, data: f.data };
      case 'distance': {
        // "nearby" is a claim: made only within the configured threshold, else the distance speaks alone
        const near = f.data.km <= ctx.nearbyKm;
        const km = fmt.format(f.data.km);
        return { kind: f.kind, detail: near ? t.nearby(km) : t.distance(km), weight: f.weight, data: { ...f.data, near } };
      }
    }
  });
}
