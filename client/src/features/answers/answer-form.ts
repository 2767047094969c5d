import {
  ANSWER_BODY_MAX_LENGTH,
  ANSWER_TITLE_MAX_LENGTH,
  parseTemplate,
  type AnswerSuitability,
} from '@guichet/shared';
import type { TFunction } from 'i18next';
import type { FieldDetail } from '../../lib/api-details';

export interface AnswerDraft {
  serviceId: string;
  title: string;
  body: string;
  tags: string[];
  suitableFor: AnswerSuitability;
}

export const ANSWER_FIELDS = ['serviceId', 'title', 'body', 'tags', 'suitableFor'] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];
export type AnswerErrors = Partial<Record<AnswerField, string[]>>;

export function isAnswerField(path: string): path is AnswerField {
  return (ANSWER_FIELDS as readonly string[]).includes(path);
}

/** The checks the server makes, run before sending so the agent sees them at once. */
export function validateAnswerDraft(draft: AnswerDraft, t: TFunction, withService: boolean): AnswerErrors {
  const errors: AnswerErrors = {};
  if (withService && !draft.serviceId) errors.serviceId = [t('answers.required')];
  if (!draft.title.trim()) errors.title = [t('answers.required')];
  else if (draft.title.trim().length > ANSWER_TITLE_MAX_LENGTH)
    errors.title = [`≤ ${ANSWER_TITLE_MAX_LENGTH}`];
  const body = draft.body.trim();
  if (!body) errors.body = [t('answers.required')];
  else if (body.length > ANSWER_BODY_MAX_LENGTH) errors.body = [`≤ ${ANSWER_BODY_MAX_LENGTH}`];
  else {
    const parsed = parseTemplate(body);
    if (!parsed.ok) errors.body = [parsed.error];
  }
  return errors;
}

/**
 * Server details by field: "body: accolade « { » non fermée…" (a path) or "title must not be empty"
 * (class-validator names the field first); array items ("each value in tags…") belong to tags.
 */
export function answerErrorsFromDetails(details: FieldDetail[]): AnswerErrors {
  const errors: AnswerErrors = {};
  for (const detail of details) {
    const named = detail.path ? detail.path.split(/[.[]/)[0] : (/^(\w+) /.exec(detail.message)?.[1] ?? '');
    const field = isAnswerField(named) ? named : /\btags\b/.test(detail.message) ? 'tags' : null;
    if (field) (errors[field] ??= []).push(detail.message);
  }
  return errors;
}
