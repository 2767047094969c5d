/**
 * The answers' full-text search runs on the `search` column (see answer.entity.ts) through SQL
 * functions the migration creates: `answer_search_terms(text)` (French stems, accents folded, both
 * before and after stemming) and `answer_search_query(text)` (every typed word as a prefix of its
 * stems, NULL when nothing searchable was typed). « Poubelles » finds « poubelle », « elag » finds
 * « Élagage ».
 */
export const searchQuerySql = (param: string) => `answer_search_query(${param})`;

/** Courtesy words every message and answer share: they say nothing about fit. */
export const COURTESY_WORDS =
  'bonjour bonsoir salut merci remerciements cordialement madame monsieur svp stp bonne journée soirée';
