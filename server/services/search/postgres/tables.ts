/**
 * The PostgreSQL engine's tables. The live ones are created by the migration
 * (prisma/migrations/*_practice_search); a rebuild creates `<name>_next` twins beside them, fills them,
 * then swaps names in one transaction. The secondary indexes below must match the migration's.
 */
export type Tables = { docs: string; lexicon: string; facets: string; champions: string };

export const LIVE: Tables = { docs: 'practice_search_documents', lexicon: 'search_lexicon', facets: 'search_facet_counts', champions: 'search_head_champions' };
export const NEXT: Tables = {
  docs: 'practice_search_documents_next', lexicon: 'search_lexicon_next', facets: 'search_facet_counts_next', champions: 'search_head_champions_next',
};

/** Each table's primary key column (a rebuild recreates it on the `_next` twin). */
export const PRIMARY_KEYS: Record<keyof Tables, string> = { docs: 'practice_id', lexicon: 'word', facets: 'value', champions: 'lexeme, practice_id' };

/** Index name suffix → definition (`%I` = the table). Created after a rebuild's bulk load. */
export const SECONDARY_INDEXES: { table: keyof Tables; suffix: string; using: string }[] = [
  { table: 'docs', suffix: 'full_tsv_idx', using: 'USING gin (full_tsv)' },
  { table: 'docs', suffix: 'head_tsv_idx', using: 'USING gin (head_tsv)' },
  { table: 'docs', suffix: 'facets_idx', using: 'USING gin (facets)' },
  { table: 'docs', suffix: 'published_at_idx', using: '(published_at DESC)' },
  { table: 'lexicon', suffix: 'deletes_idx', using: 'USING gin (deletes)' },
  { table: 'lexicon', suffix: 'word_trgm_idx', using: 'USING gin (word gin_trgm_ops)' },
  { table: 'champions', suffix: 'rank_idx', using: '(lexeme, g DESC, published_at DESC)' },
  { table: 'champions', suffix: 'practice_idx', using: '(practice_id)' },
];

export const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
