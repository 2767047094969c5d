import type { MessageKind } from './enums.js';
import type { IsoDate, ServiceRef } from './views.js';

/** draft: proposed, never validated; validated: a version is in use; archived: no longer offered. */
export const ANSWER_STATUSES = ['draft', 'validated', 'archived'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** Where an answer may be used: under a public comment, in a private message, or both. */
export const ANSWER_SUITABILITIES = ['public', 'private', 'both'] as const;
export type AnswerSuitability = (typeof ANSWER_SUITABILITIES)[number];

/** A version is a draft until a head validates it; then it stays in the history for good. */
export const ANSWER_VERSION_STATES = ['draft', 'validated'] as const;
export type AnswerVersionState = (typeof ANSWER_VERSION_STATES)[number];

/** Who reads a reply: everybody (a comment, a mention) or the citizen alone (a private message). */
export type ReplyAudience = 'public' | 'private';

export const ANSWER_TITLE_MAX_LENGTH = 160;
export const ANSWER_BODY_MAX_LENGTH = 8000;
export const ANSWER_TAG_MAX_LENGTH = 40;
export const ANSWER_MAX_TAGS = 12;

/** A reply to a message of this kind is public or private; null when there is no reply (Open311 requests). */
export function replyAudience(kind: MessageKind): ReplyAudience | null {
  if (kind === 'direct') return 'private';
  if (kind === 'comment' || kind === 'mention') return 'public';
  return null;
}

export function suitsAudience(suitableFor: AnswerSuitability, audience: ReplyAudience | null): boolean {
  return audience === null || suitableFor === 'both' || suitableFor === audience;
}

// ---------------------------------------------------------------------------------------------
// Templates: text with named placeholders such as {prenom} or {date_rdv}.

/** A placeholder's name: lowercase ASCII letters and underscores, starting with a letter. */
export const PLACEHOLDER_NAME = /^[a-z][a-z_]*$/;

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'placeholder'; name: string };

export type TemplateParseResult =
  { ok: true; parts: TemplatePart[]; placeholders: string[] } | { ok: false; error: string; index: number };

/**
 * Splits a template into text and placeholders. Braces are reserved for placeholders: a brace that
 * does not open or close a well-formed `{name}` is an error, reported with its position (1-based).
 */
export function parseTemplate(template: string): TemplateParseResult {
  const parts: TemplatePart[] = [];
  const placeholders: string[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '}') {
      return { ok: false, error: `accolade « } » sans « { » (caractère ${i + 1})`, index: i };
    }
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    const nextOpen = template.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return { ok: false, error: `accolade « { » non fermée (caractère ${i + 1})`, index: i };
    }
    const name = template.slice(i + 1, close);
    if (!PLACEHOLDER_NAME.test(name)) {
      return {
        ok: false,
        error: `« {${name}} » n’est pas un champ valide (caractère ${i + 1}) : un champ s’écrit en minuscules sans accent, avec _ entre les mots, par exemple {prenom} ou {date_rdv}`,
        index: i,
      };
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'placeholder', name });
    if (!placeholders.includes(name)) placeholders.push(name);
    i = close + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts, placeholders };
}

/** The template with each known value put in; placeholders without a (non-blank) value stay as `{name}`. */
export function fillTemplate(parts: TemplatePart[], values: Record<string, string | undefined>): string {
  return parts
    .map((p) => {
      if (p.kind === 'text') return p.text;
      const value = values[p.name]?.trim();
      return value ? value : `{${p.name}}`;
    })
    .join('');
}

/** The template's placeholders still written as `{name}` in the text (not filled in). */
export function unfilledPlaceholders(placeholders: string[], text: string): string[] {
  return placeholders.filter((name) => text.includes(`{${name}}`));
}

const normaliseSpace = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/**
 * Whether `text` is the template with only its placeholders filled in: each with some text on one
 * line (a value never spans a line break, so a paragraph added next to a placeholder counts as an
 * edit). Leading and trailing blanks and line-ending styles do not count.
 */
export function matchesTemplate(parts: TemplatePart[], text: string): boolean {
  const target = normaliseSpace(text);
  // Literal runs between placeholders; a placeholder always sits between two consecutive runs.
  const runs: string[] = [''];
  for (const [i, p] of parts.entries()) {
    if (p.kind === 'text') {
      let t = p.text.replace(/\r\n?/g, '\n');
      if (i === 0) t = t.replace(/^\s+/, '');
      if (i === parts.length - 1) t = t.replace(/\s+$/, '');
      runs[runs.length - 1] += t;
    } else runs.push('');
  }
  if (runs.length === 1) return target === runs[0];
  const first = runs[0];
  const last = runs[runs.length - 1];
  const end = target.length - last.length;
  if (end < first.length || !target.startsWith(first) || !target.endsWith(last)) return false;
  const isValue = (from: number, to: number) => to > from && !target.slice(from, to).includes('\n');
  // Where the current placeholder's value may start; every way the runs can be found is kept.
  let starts = new Set([first.length]);
  for (const run of runs.slice(1, -1)) {
    const next = new Set<number>();
    for (const from of starts) {
      const lineEnd = target.indexOf('\n', from);
      const limit = Math.min(lineEnd === -1 ? target.length : lineEnd, end - run.length);
      for (let search = from + 1; search <= limit;) {
        const at = target.indexOf(run, search);
        if (at === -1 || at > limit) break;
        next.add(at + run.length);
        search = at + 1;
      }
    }
    if (next.size === 0) return false;
    starts = next;
  }
  return [...starts].some((from) => isValue(from, end));
}

// ---------------------------------------------------------------------------------------------
// API views.

export interface AnswerUserRef {
  id: string;
  displayName: string;
}

/** One row of the answers list: the text in use (or the first draft, before any validation). */
export interface AnswerSummary {
  id: string;
  service: ServiceRef;
  status: AnswerStatus;
  title: string;
  body: string;
  tags: string[];
  suitableFor: AnswerSuitability;
  /** The validated version replies use; null before the first validation. */
  publishedVersion: number | null;
  /** A proposed version waiting for validation, if any. */
  draftVersion: number | null;
  usageCount: number;
  lastUsedAt: IsoDate | null;
  updatedAt: IsoDate;
}

export interface AnswerVersionView {
  version: number;
  state: AnswerVersionState;
  title: string;
  body: string;
  tags: string[];
  suitableFor: AnswerSuitability;
  author: AnswerUserRef | null;
  createdAt: IsoDate;
  updatedAt: IsoDate;
  validatedBy: AnswerUserRef | null;
  validatedAt: IsoDate | null;
}

export interface AnswerDetail extends AnswerSummary {
  /** Newest first. */
  versions: AnswerVersionView[];
  /** Whether the caller may validate and archive (the service's head, or an admin). */
  canValidate: boolean;
}

/** A validated answer proposed for a ticket, best first. */
export interface AnswerSuggestion extends AnswerSummary {
  rank: number;
}

export interface AnswerSuggestions {
  audience: ReplyAudience | null;
  items: AnswerSuggestion[];
}

/** Body of `POST /api/answers`. */
export interface CreateAnswerRequest {
  serviceId: string;
  title: string;
  body: string;
  tags?: string[];
  suitableFor: AnswerSuitability;
}

/** Body of `PATCH /api/answers/:id`: proposes a new draft version (or edits the pending one). */
export interface UpdateAnswerRequest {
  title?: string;
  body?: string;
  tags?: string[];
  suitableFor?: AnswerSuitability;
}

/** Body of `POST /api/answers/:id/validate`: the version the head read (refused if it changed since). */
export interface ValidateAnswerRequest {
  version?: number;
}
