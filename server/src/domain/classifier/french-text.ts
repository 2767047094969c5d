import { stemmer } from '@orama/stemmers/french';

/**
 * French function words (the Snowball French stop list, accents folded), plus the elided forms left
 * once an apostrophe splits « l'éclairage » into « l » and « éclairage ». They say nothing about
 * which service a message is for.
 */
export const FRENCH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes ' +
    'moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un ' +
    'une vos votre vous c d j l a m n s t y jusqu lorsqu puisqu quoiqu ceci cela ca cet cette ' +
    'ete etee etees etes etant etante etants etantes suis es est sommes sont serai seras sera serons ' +
    'serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes ' +
    'futes furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ' +
    'ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais ' +
    'aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ' +
    'ayons ayez aient eusse eusses eussions eussiez eussent'
  ).split(' '),
);

/** The token every number becomes: « 3 », « 15h30 » and « 2025 » all say « a number was given ». */
export const NUMBER_TOKEN = '#';

/** Lower case without diacritics: « Élagage » → « elagage », « cœur » → « coeur ». */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/**
 * Words of a French text in order: lower case, split on anything but letters and digits (so the
 * apostrophe of an elision, straight or curly, separates « l » from « éclairage »), with accents
 * kept because the stemmer relies on them.
 */
export function frenchWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** Snowball French stem of a lower-case word, accents folded afterwards: « éclairages » → « eclairag ». */
export function stemFrench(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = foldAccents(stemmer(word));
    // A citizen's typos and names never end: start over rather than grow without bound.
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/**
 * The terms a message is classified on, in order: stop words and elided articles dropped, numbers
 * turned into NUMBER_TOKEN, every other word reduced to its folded Snowball stem.
 * « L'éclairage de la rue Jaurès ne marche plus depuis 3 jours » →
 * [eclairag, ru, jaures, march, plus, depuis, #, jour].
 */
export function frenchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of frenchWords(text)) {
    if (/\p{N}/u.test(word)) {
      terms.push(NUMBER_TOKEN);
      continue;
    }
    if (FRENCH_STOP_WORDS.has(foldAccents(word))) continue;
    const stem = stemFrench(word);
    if (stem.length > 1) terms.push(stem);
  }
  return terms;
}
