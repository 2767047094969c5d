import type { TextClassifier } from './classifier.js';
import type { NaiveBayesOptions } from './naive-bayes.js';

export const CLASSIFIER_FORMAT = 'guichet.naive-bayes';
export const CLASSIFIER_FORMAT_VERSION = 1;

/** A model as plain JSON (a jsonb column): the counts are integers, so a round trip is exact. */
export interface ClassifierJson {
  readonly format: typeof CLASSIFIER_FORMAT;
  readonly version: typeof CLASSIFIER_FORMAT_VERSION;
  readonly options: NaiveBayesOptions;
  readonly temperature: number;
  readonly classes: string[];
  readonly docCounts: number[];
  /** Term → count per class, terms sorted so the same model always gives the same JSON. */
  readonly counts: Record<string, number[]>;
}

/** A stored model that cannot be read: corrupt, or written by an incompatible version. */
export class ClassifierModelError extends Error {
  override readonly name = 'ClassifierModelError';
}

export function classifierToJson(model: TextClassifier): ClassifierJson {
  const k = model.classes.length;
  const counts: Record<string, number[]> = {};
  for (const term of [...model.counts.keys()].sort()) {
    const row = model.counts.get(term) ?? [];
    counts[term] = Array.from({ length: k }, (_, i) => row[i] ?? 0);
  }
  return {
    format: CLASSIFIER_FORMAT,
    version: CLASSIFIER_FORMAT_VERSION,
    options: { ...model.options },
    temperature: model.temperature,
    classes: [...model.classes],
    docCounts: [...model.docCounts],
    counts,
  };
}

/** Reads a stored model back, checking its shape; throws ClassifierModelError when it is unusable. */
export function classifierFromJson(input: unknown): TextClassifier {
  const fail = (message: string): never => {
    throw new ClassifierModelError(`stored classifier: ${message}`);
  };
  if (!isRecord(input)) return fail('not an object');
  if (input.format !== CLASSIFIER_FORMAT || input.version !== CLASSIFIER_FORMAT_VERSION) {
    return fail(`unsupported format ${String(input.format)} v${String(input.version)}`);
  }
  const options = readOptions(input.options) ?? fail('invalid options');
  const { temperature, classes, docCounts, counts } = input;
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) {
    return fail('temperature must be a positive number');
  }
  if (
    !Array.isArray(classes) ||
    classes.some((c) => typeof c !== 'string') ||
    new Set(classes).size !== classes.length
  ) {
    return fail('classes must be distinct strings');
  }
  const k = classes.length;
  if (!isCountList(docCounts, k)) return fail('docCounts must hold one count per class');
  if (!isRecord(counts)) return fail('counts must be an object');
  const termTotals = new Array<number>(k).fill(0);
  const rows = new Map<string, number[]>();
  for (const [term, row] of Object.entries(counts)) {
    if (!isCountList(row, k)) return fail(`counts of "${term}" must hold one count per class`);
    row.forEach((x, i) => (termTotals[i] += x));
    rows.set(term, [...row]);
  }
  return {
    options,
    temperature,
    classes: [...(classes as string[])],
    docCounts: [...docCounts],
    termTotals,
    counts: rows,
  };
}

function readOptions(value: unknown): NaiveBayesOptions | null {
  if (!isRecord(value)) return null;
  const { variant, alpha, bigrams, binary } = value;
  if (variant !== 'multinomial' && variant !== 'complement') return null;
  if (typeof alpha !== 'number' || !(alpha > 0) || !Number.isFinite(alpha)) return null;
  if (typeof bigrams !== 'boolean' || typeof binary !== 'boolean') return null;
  return { variant, alpha, bigrams, binary };
}

function isCountList(value: unknown, length: number): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === length &&
    value.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
