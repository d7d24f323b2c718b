import { ISO_639_1, languageIndex } from '../../lib/languages.ts';

import { ROUTE_ROLES, type RouteRole, type Stance } from '../../contract/common.ts';

export const ROLES = ROUTE_ROLES;
export type Role = RouteRole;
export type { Stance };

/** What matching knows about a city: everything the score and its reasons are computed from. */
export type CityFeatures = {
  id: string;
  population: number | null;
  lat: number | null;
  lon: number | null;
  languages: string[];
  priorities: { code: string; stance: Stance }[];
  routes: { routeId: string; role: Role }[];
};

/** Route bits kept free when the index is built, so routes created later need no rebuild. */
const ROUTE_HEADROOM = 16;
const LANG_WORDS = Math.ceil(ISO_639_1.length / 32); // 6, so a word mask fits in a byte
const DEG = Math.PI / 180;
const STANCE_CODE: Record<Stance, number> = { offer: 0, seek: 1, both: 2 };

/**
 * Cities as struct-of-arrays, one slot per city: bitsets of offered and sought priorities (one bit per
 * Charter priority), of routes per role (one bit per route, a set for each of the three roles), of
 * languages (one bit per ISO 639-1 code), the population and its log, and the position as a unit
 * vector (so a distance is a dot product and one acos, no trigonometry per pair). About 90 bytes a city
 * plus its id: 100,000 cities take ~9 MB of typed arrays.
 */
export class MatchIndex {
  readonly priorityCodes: readonly string[];
  readonly priorityBit: ReadonlyMap<string, number>;
  /** 32-bit words per priority bitset */
  readonly wp: number;
  /** 32-bit words per role's route bitset */
  readonly wr: number;
  readonly wl = LANG_WORDS;
  readonly routeIds: string[] = [];
  readonly routeBit = new Map<string, number>();

  size = 0;
  capacity: number;
  ids: string[] = [];
  readonly slotOf = new Map<string, number>();
  alive!: Uint8Array;
  offer!: Uint32Array;
  seek!: Uint32Array;
  /** [slot][role][word] */
  routes!: Uint32Array;
  langs!: Uint32Array;
  /** population, -1 when unknown */
  pop!: Int32Array;
  /** log10(population), NaN when unknown */
  logPop!: Float64Array;
  /** which of the language words are non-zero (bit k for word k): most pairs are told apart with one AND */
  langWords!: Uint8Array;
  /** unit vector of the position, interleaved x, y, z (one cache line per city); NaN when unknown */
  pos!: Float64Array;
  readonly builtAt = Date.now();

  constructor(priorityCodes: readonly string[], routeIds: readonly string[], capacity = 1024) {
    this.priorityCodes = priorityCodes;
    this.priorityBit = new Map(priorityCodes.map((c, i) => [c, i]));
    this.wp = Math.max(1, Math.ceil(priorityCodes.length / 32));
    this.wr = Math.max(1, Math.ceil((routeIds.length + ROUTE_HEADROOM) / 32));
    for (const id of routeIds) this.addRoute(id);
    this.capacity = Math.max(16, capacity);
    this.allocate(this.capacity);
  }

  private addRoute(routeId: string): number {
    const bit = this.routeIds.length;
    if (bit >= this.wr * 32) return -1;
    this.routeIds.push(routeId);
    this.routeBit.set(routeId, bit);
    return bit;
  }

  private allocate(capacity: number) {
    const grow = <T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(old: T | undefined, make: (n: number) => T, per: number, fill?: number) => {
      const next = make(capacity * per);
      if (fill !== undefined) next.fill(fill);
      if (old) next.set(old.subarray(0, this.size * per));
      return next;
    };
    this.alive = grow(this.alive, (n) => new Uint8Array(n), 1);
    this.offer = grow(this.offer, (n) => new Uint32Array(n), this.wp);
    this.seek = grow(this.seek, (n) => new Uint32Array(n), this.wp);
    this.routes = grow(this.routes, (n) => new Uint32Array(n), 3 * this.wr);
    this.langs = grow(this.langs, (n) => new Uint32Array(n), this.wl);
    this.pop = grow(this.pop, (n) => new Int32Array(n), 1, -1);
    this.logPop = grow(this.logPop, (n) => new Float64Array(n), 1, NaN);
    this.langWords = grow(this.langWords, (n) => new Uint8Array(n), 1);
    this.pos = grow(this.pos, (n) => new Float64Array(n), 3, NaN);
    this.capacity = capacity;
  }

  /**
   * Writes a city into its slot (a new one for a new city). Returns false when the city uses a priority
   * this index has no bit for, or a route beyond its headroom: the caller then rebuilds the index.
   */
  upsert(c: CityFeatures): boolean {
    let complete = true;
    const prios: (number | null)[] = [];
    for (const p of c.priorities) {
      const bit = this.priorityBit.get(p.code);
      if (bit === undefined) complete = false;
      else prios.push(bit * 3 + STANCE_CODE[p.stance]);
    }
    const routes: (number | null)[] = [];
    for (const r of c.routes) {
      const bit = this.routeBit.get(r.routeId) ?? this.addRoute(r.routeId);
      if (bit < 0) complete = false;
      else routes.push(bit * 3 + ROLES.indexOf(r.role));
    }
    const langs = c.languages.map(languageIndex);
    return this.write(c.id, c.population, c.lat, c.lon, langs, prios, routes) && complete;
  }

  /**
   * The same in numbers, as the bulk loader reads them: languages as ISO_639_1 positions, priorities as
   * bit × 3 + stance (0 offer, 1 seek, 2 both), routes as bit × 3 + role (0 origin, 1 transit,
   * 2 destination). A null or negative entry is something this index has no bit for: false is returned.
   */
  write(id: string, population: number | null, lat: number | null, lon: number | null,
    langs: readonly (number | null)[], prios: readonly (number | null)[], routes: readonly (number | null)[]): boolean {
    let s = this.slotOf.get(id);
    if (s === undefined) {
      if (this.size === this.capacity) this.allocate(Math.ceil(this.capacity * 1.5));
      s = this.size++;
      this.ids[s] = id;
      this.slotOf.set(id, s);
    }
    const { wp, wr, wl } = this;
    this.offer.fill(0, s * wp, (s + 1) * wp);
    this.seek.fill(0, s * wp, (s + 1) * wp);
    this.routes.fill(0, s * 3 * wr, (s + 1) * 3 * wr);
    this.langs.fill(0, s * wl, (s + 1) * wl);
    let complete = true;

    for (const code of prios) {
      if (code === null || code < 0 || code >= this.priorityCodes.length * 3) {
        complete = false;
        continue;
      }
      const bit = (code / 3) | 0, stance = code % 3;
      const word = s * wp + (bit >>> 5);
      const mask = 1 << (bit & 31);
      if (stance !== 1) this.offer[word] |= mask;
      if (stance !== 0) this.seek[word] |= mask;
    }
    for (const code of routes) {
      if (code === null || code < 0 || code >= this.routeIds.length * 3) {
        complete = false;
        continue;
      }
      const bit = (code / 3) | 0, role = code % 3;
      this.routes[(s * 3 + role) * wr + (bit >>> 5)] |= 1 << (bit & 31);
    }
    let words = 0;
    for (const bit of langs) {
      if (bit === null || bit < 0) continue;
      this.langs[s * wl + (bit >>> 5)] |= 1 << (bit & 31);
      words |= 1 << (bit >>> 5);
    }
    this.langWords[s] = words;
    const pop = population !== null && population > 0 ? population : -1;
    this.pop[s] = pop;
    this.logPop[s] = pop > 0 ? Math.log10(pop) : NaN;
    if (lat !== null && lon !== null) {
      const cl = Math.cos(lat * DEG);
      this.pos[3 * s] = cl * Math.cos(lon * DEG);
      this.pos[3 * s + 1] = cl * Math.sin(lon * DEG);
      this.pos[3 * s + 2] = Math.sin(lat * DEG);
    } else {
      this.pos.fill(NaN, 3 * s, 3 * s + 3);
    }
    this.alive[s] = 1;
    return complete;
  }

  private mask?: Uint8Array;
  /** A zeroed per-slot scratch array for a synchronous scan (which must leave it zeroed). */
  scratchMask(): Uint8Array {
    if (!this.mask || this.mask.length < this.capacity) this.mask = new Uint8Array(this.capacity);
    return this.mask;
  }

  /** A deleted city keeps its slot, dead: it is never scored. */
  remove(id: string) {
    const s = this.slotOf.get(id);
    if (s !== undefined) this.alive[s] = 0;
  }

  /** Bytes held in typed arrays (ids and the id → slot map come on top). */
  get bytes() {
    return [this.alive, this.offer, this.seek, this.routes, this.langs, this.langWords, this.pop, this.logPop, this.pos]
      .reduce((n, a) => n + a.byteLength, 0);
  }
}
