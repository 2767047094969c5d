import { normalizeFrench } from './normalize-french.js';

/** Elided words left alone once the apostrophe is gone (« l eclairage », typed without it). */
const ELIDED_WORDS = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
]);

/** Shortest stem a `*` prefix may have: « a* » would match almost any message. */
export const MIN_PREFIX_LENGTH = 3;

/**
 * The words of a text as keyword matching sees them: case, accents, punctuation and elisions folded
 * (see normalizeFrench), and stand-alone elided words dropped on both sides, so « bouche d'égout »,
 * « bouche d egout » and « BOUCHE D’ÉGOUT » are the same two words.
 */
export function matchingWords(text: string): string[] {
  return normalizeFrench(text)
    .split(' ')
    .filter((word) => word.length > 0 && !ELIDED_WORDS.has(word));
}

export interface PhraseWord {
  readonly word: string;
  /** Written with a trailing `*`: matches any word that starts with it. */
  readonly prefix: boolean;
}

/** A keyword or phrase compiled for matching; empty when it has no letter or digit. */
export function compilePhrase(keyword: string): PhraseWord[] {
  const words: PhraseWord[] = [];
  for (const piece of keyword.trim().split(/\s+/)) {
    const prefix = piece.endsWith('*');
    const parts = matchingWords(prefix ? piece.slice(0, -1) : piece);
    parts.forEach((word, index) => words.push({ word, prefix: prefix && index === parts.length - 1 }));
  }
  return words;
}

/** Why a keyword cannot be used, or null: no letters, a `*` inside a word, too short a prefix. */
export function phraseProblem(keyword: string): string | null {
  if (/\*(?!\s|$)/.test(keyword.trim())) return '"*" may only end a word (prefix match)';
  const words = compilePhrase(keyword);
  if (words.length === 0) return 'must contain a letter or digit';
  const short = words.find((w) => w.prefix && w.word.length < MIN_PREFIX_LENGTH);
  if (short) return `a prefix needs at least ${MIN_PREFIX_LENGTH} letters before "*"`;
  return null;
}

/** Whether the phrase occurs in the text's words as a run of whole words (prefix words as prefixes). */
export function containsPhrase(textWords: readonly string[], phrase: readonly PhraseWord[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let start = 0; start + phrase.length <= textWords.length; start++) {
    for (let i = 0; i < phrase.length; i++) {
      const { word, prefix } = phrase[i];
      const candidate = textWords[start + i];
      if (prefix ? !candidate.startsWith(word) : candidate !== word) continue outer;
    }
    return true;
  }
  return false;
}
