/**
 * Full-text search over messages: PostgreSQL's French configuration (stems, stop words) on text whose
 * accents are folded first, on both sides, so « ecole », « école » and « ÉCOLE » find each other. Folding
 * uses translate(), which is immutable (an index expression may use it) and needs no extension (the
 * embedded PGlite has no unaccent). The GIN index ix_messages_search is on MESSAGE_SEARCH_VECTOR exactly:
 * a query must use the same expression for the index to serve it.
 */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa';

/** SQL folding `expression` (lower case, accents removed). */
export function foldAccentsSql(expression: string): string {
  return `translate(lower(${expression}), '${ACCENTED}', '${PLAIN}')`;
}

/** The tsquery for what an agent typed (web search syntax: words, "phrases", -excluded, or). */
export function searchQuerySql(parameter: string): string {
  return `websearch_to_tsquery('french'::regconfig, ${foldAccentsSql(parameter)})`;
}

/** The indexed expression (migration AddInboxKeysetAndSearch), for messages aliased `m`. */
export const MESSAGE_SEARCH_VECTOR = `to_tsvector('french'::regconfig, ${foldAccentsSql('m.body')})`;
