import {
  fillTemplate,
  matchesTemplate,
  parseTemplate,
  unfilledPlaceholders,
  type AnswerSummary,
  type TemplatePart,
} from '@guichet/shared';
import { useState } from 'react';

/** A validated answer put into the reply box, and the text it replaced. */
export interface InsertedAnswer {
  id: string;
  title: string;
  version: number;
  parts: TemplatePart[];
  placeholders: string[];
  previousText: string;
}

/**
 * The reply box's side of validated answers: inserting one (its placeholders filled with what the
 * ticket knows), filling the rest, telling what is still unfilled and whether the text was edited.
 */
export function useAnswerComposer(known: Record<string, string>) {
  const [inserted, setInserted] = useState<InsertedAnswer | null>(null);

  /** The new text of the box; null when the answer cannot be used (no published version, broken text). */
  const insert = (answer: AnswerSummary, currentText: string): string | null => {
    const parsed = parseTemplate(answer.body);
    if (!parsed.ok || answer.publishedVersion === null) return null;
    setInserted({
      id: answer.id,
      title: answer.title,
      version: answer.publishedVersion,
      parts: parsed.parts,
      placeholders: parsed.placeholders,
      // Inserting over another answer goes back to what the agent had typed before either.
      previousText: inserted ? inserted.previousText : currentText,
    });
    return fillTemplate(parsed.parts, known);
  };

  /** Forgets the answer; returns the text to put back. */
  const remove = (): string => {
    const previous = inserted?.previousText ?? '';
    setInserted(null);
    return previous;
  };

  /** Clearing the box entirely also lets go of the answer. */
  const textChanged = (text: string) => {
    if (inserted && text.trim() === '') setInserted(null);
  };

  const status = (text: string) =>
    inserted
      ? {
          unfilled: unfilledPlaceholders(inserted.placeholders, text),
          edited: !matchesTemplate(inserted.parts, text),
        }
      : { unfilled: [], edited: false };

  const fill = (text: string, name: string, value: string): string => text.split(`{${name}}`).join(value);

  const source = inserted ? { answerId: inserted.id, answerVersion: inserted.version } : {};

  return { inserted, insert, remove, textChanged, status, fill, source, reset: () => setInserted(null) };
}
