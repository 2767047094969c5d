import { normalizeFrench } from './normalize-french.js';

export const LANGUAGES = ['fr', 'en', 'other'] as const;
/** `other`: neither French nor English, or too little text to tell. */
export type Language = (typeof LANGUAGES)[number];

// Frequent function words, accents folded, that the other languages here rarely use as words.
const FRENCH = new Set(
  (
    'le la les de des du un une et est sont en au aux ce ces cette il elle ils nous vous je tu ne pas plus ' +
    'que qui quoi pour par sur dans avec sans mais ou donc car mon ma mes ton ta votre vos notre nos leur ' +
    'leurs son sa ses se y etre avoir ete fait suis sommes etes ai avons avez ont encore tres aussi deja ' +
    'depuis chez merci bonjour bonsoir svp rue mairie quand comment pourquoi toujours rien tout tous'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    'the and is are was were be been to of in for it this that these those i you he she we they with not ' +
    'have has had my your our their from at by what when where why how there here please thanks thank ' +
    'hello hi would could should will can do does did about any some street town hall'
  ).split(' '),
);
// Spanish, Italian, German, Portuguese: enough to keep « la casa de la calle » out of French.
const OTHER = new Set(
  (
    'el los las y es con por para del muy gracias hola esta estan una pero como che di non sono della ' +
    'grazie ciao per questo der die das und ist nicht ich sie wir ein eine mit auf fur danke hallo nao ' +
    'obrigado voce uma com'
  ).split(' '),
);

/** French elisions (l', d', qu'…) before a letter are a strong French cue that folding removes. */
const ELISION = /\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]\p{L}/giu;
const FRENCH_ACCENTS = /[éèêàùçâîôûëïœ]/iu;

/**
 * A cheap guess at the language of a message from its function words: whichever of French, English
 * or a few neighbouring languages has the most. French wins ties with English (it is the town's
 * language); a text with no function word is French if it has French accents, else `other`.
 */
export function detectLanguage(text: string): Language {
  const sample = text.length > 2_000 ? text.slice(0, 2_000) : text;
  let fr = (sample.match(ELISION) ?? []).length;
  let en = 0;
  let other = 0;
  for (const word of normalizeFrench(sample).split(' ')) {
    if (FRENCH.has(word)) fr++;
    if (ENGLISH.has(word)) en++;
    if (OTHER.has(word)) other++;
  }
  if (fr === 0 && en === 0 && other === 0) return FRENCH_ACCENTS.test(sample) ? 'fr' : 'other';
  if (other > fr && other > en) return 'other';
  return fr >= en ? 'fr' : 'en';
}
