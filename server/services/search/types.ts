/**
 * The search port. Two engines implement it (PostgreSQL built in, Meilisearch when MEILI_URL is set);
 * both pass tests/integration/search/contract.ts.
 */

/** What an engine indexes for one published practice: self-contained, so a search reads nothing else. */
export type SearchDocument = {
  id: string;
  version: number;
  title: string;
  summary: string;
  /** Plain text of the Markdown body, the how-to fields and the outcomes. */
  bodyText: string;
  language: string;
  city: { id: string; name: string; country: string | null };
  /** Names of the city's country in en/fr/es: "Italie" finds Italian cities' practices. */
  countryNames: string[];
  /** The country's world region (Africa, Americas, Asia, Europe, Oceania). */
  region: string | null;
  priorities: string[];
  principles: string[];
  /** Route slugs. */
  routes: string[];
  routeNames: string[];
  targetGroups: string[];
  /** Slugs of the networks the city belongs to (a filter, not a facet). */
  networks: string[];
  /** Labels of its priorities, principles and target groups, per language: the cross-language bridge. */
  labels: { en: string[]; fr: string[]; es: string[] };
  publishedAt: string | null;
};

/** Facets, as the API names them, and the document field each counts. */
import { FACETS, SEARCH_FILTERS, type Facet, type SearchFilterName } from '../../contract/search-facets.ts';

export { FACETS, SEARCH_FILTERS, type Facet, type SearchFilterName };

export type SearchFilters = Partial<Record<SearchFilterName, string[]>>;

export type SearchQuery = {
  q: string;
  filters: SearchFilters;
  page: number;
  perPage: number;
};

export type SearchHit = {
  id: string;
  /** sample data (npm run seed:sample); added by services/sample/sample-flags.ts, not indexed */
  isSample?: boolean;
  title: string;
  summary: string;
  city: { id: string; name: string; country: string | null };
  priorities: string[];
  language: string;
  publishedAt: string | null;
  /** HTML-safe fragments: the text escaped, matches wrapped in <mark>. `body` only when the body matched. */
  highlights: { title: string; summary: string; body?: string };
};

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  facets: Record<Facet, Record<string, number>>;
  /** The total is an estimate (the match set is larger than the engine counts exactly). */
  totalIsEstimate: boolean;
  /** The facet counts are estimates (same reason). */
  facetsAreEstimates: boolean;
  /**
   * Query words the engine read as typos, with what it searched instead: every correction (PostgreSQL),
   * typos of synonym terms only (Meilisearch, whose own typo tolerance says nothing).
   */
  corrections?: { word: string; to: string[] }[];
};

export type RebuildProgress = (done: number, total: number) => void;

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Reachable and its index exists (readiness). */
  ping(): Promise<void>;
  /** Creates the index and applies its settings if needed; idempotent. */
  setup(): Promise<void>;
  upsert(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** id → indexed version, for reconciling the index with the database. */
  indexedVersions(): Promise<Map<string, number>>;
  /**
   * Builds a complete new index from `batches` beside the live one and swaps it in atomically: searches
   * keep being served from the old index until the swap.
   */
  rebuild(batches: AsyncIterable<SearchDocument[]>, total: number, onProgress?: RebuildProgress): Promise<void>;
  close(): Promise<void>;
}

export const emptyFacets = (): Record<Facet, Record<string, number>> =>
  Object.fromEntries(FACETS.map((f) => [f, {}])) as Record<Facet, Record<string, number>>;
