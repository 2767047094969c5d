/**
 * Folds French text for matching: lower case, accents removed, elisions (l', d', qu'…) and
 * punctuation turned into spaces, so « L'ÉCLAIRAGE » and « leclairage »… match « eclairage ».
 */
export function normalizeFrench(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
