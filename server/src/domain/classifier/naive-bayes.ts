import { frenchTerms } from './french-text.js';

/** How messages are turned into counts and how counts become scores; chosen by cross-validation. */
export interface NaiveBayesOptions {
  /**
   * `multinomial`: the textbook model, P(class) × Π P(term | class). `complement`: scores a class by
   * how badly the other classes explain the message (Rennie et al. 2003), steadier when classes have
   * unequal amounts of text.
   */
  readonly variant: 'multinomial' | 'complement';
  /** Additive (Lidstone) smoothing of term counts. */
  readonly alpha: number;
  /** Also count pairs of consecutive terms (« nid poul », « depot sauvag »). */
  readonly bigrams: boolean;
  /** Count a term once per message however often it is repeated. */
  readonly binary: boolean;
}

/** Term counts per class: the whole of what the model learns, so it can grow one message at a time. */
export interface NaiveBayesCounts {
  readonly options: NaiveBayesOptions;
  /** Labels (service ids), in the order of every per-class array. */
  readonly classes: readonly string[];
  /** Messages learnt per class. */
  readonly docCounts: readonly number[];
  /** Sum of term counts per class. */
  readonly termTotals: readonly number[];
  /** Count per class of each term; an array shorter than `classes` means zeros for the later classes. */
  readonly counts: ReadonlyMap<string, readonly number[]>;
}

/** The counted terms of one message: unigrams, then bigrams joined by a space. */
export function messageFeatures(
  text: string,
  options: Pick<NaiveBayesOptions, 'bigrams' | 'binary'>,
): Map<string, number> {
  const terms = frenchTerms(text);
  const features = new Map<string, number>();
  const add = (feature: string): void => {
    features.set(feature, options.binary ? 1 : (features.get(feature) ?? 0) + 1);
  };
  terms.forEach(add);
  if (options.bigrams) for (let i = 1; i < terms.length; i++) add(`${terms[i - 1]} ${terms[i]}`);
  return features;
}

export interface LabelledFeatures {
  readonly features: ReadonlyMap<string, number>;
  readonly label: string;
}

/** Counts the given messages; classes are the given labels in order (so results are deterministic). */
export function countFeatures(
  examples: readonly LabelledFeatures[],
  classes: readonly string[],
  options: NaiveBayesOptions,
): NaiveBayesCounts {
  const index = new Map(classes.map((c, i) => [c, i]));
  const docCounts = classes.map(() => 0);
  const termTotals = classes.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const { features, label } of examples) {
    const c = index.get(label);
    if (c === undefined) throw new RangeError(`label ${label} is not among the classes`);
    docCounts[c]++;
    for (const [feature, x] of features) {
      let row = counts.get(feature);
      if (!row) {
        row = classes.map(() => 0);
        counts.set(feature, row);
      }
      row[c] += x;
      termTotals[c] += x;
    }
  }
  return { options, classes, docCounts, termTotals, counts };
}

/**
 * Adds one labelled message to the counts and returns new counts; the given ones are not changed
 * (only the rows of the message's terms are copied). A label never seen before becomes a new class.
 */
export function addExample(
  model: NaiveBayesCounts,
  features: ReadonlyMap<string, number>,
  label: string,
): NaiveBayesCounts {
  let c = model.classes.indexOf(label);
  const classes = c === -1 ? [...model.classes, label] : model.classes;
  if (c === -1) c = classes.length - 1;
  const docCounts = classes.map((_, i) => (model.docCounts[i] ?? 0) + (i === c ? 1 : 0));
  const termTotals = classes.map((_, i) => model.termTotals[i] ?? 0);
  const counts = new Map(model.counts);
  for (const [feature, x] of features) {
    const row = classes.map((_, i) => counts.get(feature)?.[i] ?? 0);
    row[c] += x;
    counts.set(feature, row);
    termTotals[c] += x;
  }
  return { options: model.options, classes, docCounts, termTotals, counts };
}

/**
 * Unnormalised log-scores per class (higher is likelier), before calibration. Terms the model never
 * saw are ignored.
 */
export function rawScores(model: NaiveBayesCounts, features: ReadonlyMap<string, number>): number[] {
  const { classes, docCounts, termTotals, counts, options } = model;
  const k = classes.length;
  const alpha = options.alpha;
  const smoothedVocabulary = alpha * counts.size;
  const scores = new Array<number>(k).fill(0);
  if (options.variant === 'multinomial') {
    const documents = docCounts.reduce((a, b) => a + b, 0);
    const denominators = termTotals.map((t) => Math.log(t + smoothedVocabulary));
    for (let c = 0; c < k; c++) scores[c] = Math.log((docCounts[c] + 1) / (documents + k));
    for (const [feature, x] of features) {
      const row = counts.get(feature);
      if (!row) continue;
      for (let c = 0; c < k; c++) scores[c] += x * (Math.log((row[c] ?? 0) + alpha) - denominators[c]);
    }
    return scores;
  }
  const allTerms = termTotals.reduce((a, b) => a + b, 0);
  const denominators = termTotals.map((t) => Math.log(allTerms - t + smoothedVocabulary));
  for (const [feature, x] of features) {
    const row = counts.get(feature);
    if (!row) continue;
    let rowTotal = 0;
    for (let c = 0; c < k; c++) rowTotal += row[c] ?? 0;
    for (let c = 0; c < k; c++) {
      scores[c] -= x * (Math.log(rowTotal - (row[c] ?? 0) + alpha) - denominators[c]);
    }
  }
  return scores;
}
