/**
 * Full-text search over messages: PostgreSQL's French configuration (stems, stop words) on text whose
 * accents are folded first, on both sides, so « ecole », « école » and « ÉCOLE » find each other. Folding
 * uses translate(), which is immutable and needs no extension. Messages are searched through their
 * ticket's document (ticket_search, migration AddTicketSearch), which ticket_search_vector() folds and
 * parses in the same way: the two sides must stay alike.
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
