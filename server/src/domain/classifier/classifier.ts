import { fitTemperature, softmax, type ScoredExample } from './calibration.js';
import type { Outcome } from './metrics.js';
import {
  addExample,
  countFeatures,
  messageFeatures,
  rawScores,
  type LabelledFeatures,
  type NaiveBayesCounts,
  type NaiveBayesOptions,
} from './naive-bayes.js';

/** A message and the service it belongs to: from the demo corpus, or a ticket's final service. */
export interface TrainingExample {
  readonly text: string;
  readonly serviceId: string;
}

/** A trained model: term counts plus the temperature that calibrates its probabilities. */
export interface TextClassifier extends NaiveBayesCounts {
  readonly temperature: number;
}

export interface ServiceProbability {
  readonly serviceId: string;
  readonly probability: number;
}

/**
 * Chosen by 5-fold cross-validation on the demo corpus's training split (bench/classifier.bench.ts
 * prints the grid): complement naive Bayes over stems counted once per message. Bigrams lowered
 * the cross-validated macro-F1 (0.84 against 0.86): with a few hundred short messages they are
 * mostly seen once and add noise.
 */
export const DEFAULT_CLASSIFIER_OPTIONS: NaiveBayesOptions = Object.freeze({
  variant: 'complement',
  alpha: 0.7,
  bigrams: false,
  binary: true,
});

export const CALIBRATION_FOLDS = 5;

/**
 * Trains from scratch: counts every example, then fits the temperature on out-of-fold scores
 * (CALIBRATION_FOLDS-fold cross-validation on the same examples), so the probabilities are
 * calibrated on messages each fold's model had not seen. Deterministic: same examples in the same
 * order, same model. Classes are the labels present, sorted.
 */
export function trainClassifier(
  examples: readonly TrainingExample[],
  options: NaiveBayesOptions = DEFAULT_CLASSIFIER_OPTIONS,
): TextClassifier {
  const featured = featurise(examples, options);
  const classes = [...new Set(examples.map((e) => e.serviceId))].sort();
  const scored = outOfFoldScores(featured, classes, options, CALIBRATION_FOLDS);
  const temperature = classes.length < 2 ? 1 : fitTemperature(scored);
  return { ...countFeatures(featured, classes, options), temperature };
}

/**
 * Learns one more labelled message (an agent's re-route, a ticket closed in its final service) and
 * returns the updated model; the given one is unchanged. The temperature is kept: a scheduled full
 * retrain refits it.
 */
export function learnExample(model: TextClassifier, example: TrainingExample): TextClassifier {
  const features = messageFeatures(example.text, model.options);
  return { ...addExample(model, features, example.serviceId), temperature: model.temperature };
}

export interface ClassifyOptions {
  /** How many services to return, best first (default 3). */
  readonly top?: number;
  /**
   * Services that may be suggested (those that still exist); the others are dropped and the
   * probabilities renormalised over the rest.
   */
  readonly serviceIds?: Iterable<string>;
}

/** The likeliest services for a message with calibrated probabilities, best first (ties: class order). */
export function classify(
  model: TextClassifier,
  text: string,
  options: ClassifyOptions = {},
): ServiceProbability[] {
  const allowed = options.serviceIds === undefined ? null : new Set(options.serviceIds);
  const scores = rawScores(model, messageFeatures(text, model.options));
  const kept = model.classes.flatMap((serviceId, i) =>
    allowed === null || allowed.has(serviceId) ? [{ serviceId, score: scores[i] }] : [],
  );
  if (kept.length === 0) return [];
  const probabilities = softmax(
    kept.map((k) => k.score),
    model.temperature,
  );
  return kept
    .map((k, i) => ({ serviceId: k.serviceId, probability: probabilities[i], order: i }))
    .sort((a, b) => b.probability - a.probability || a.order - b.order)
    .slice(0, options.top ?? 3)
    .map(({ serviceId, probability }) => ({ serviceId, probability }));
}

/** Out-of-fold predictions of a model with these options, in the examples' order: what cross-validation measures. */
export function crossValidate(
  examples: readonly TrainingExample[],
  options: NaiveBayesOptions,
  folds: number = CALIBRATION_FOLDS,
): Array<Outcome & { probability: number }> {
  const featured = featurise(examples, options);
  const classes = [...new Set(examples.map((e) => e.serviceId))].sort();
  const scored = outOfFoldScores(featured, classes, options, folds);
  const temperature = fitTemperature(scored);
  return scored.map(({ scores, label }) => {
    const probabilities = softmax(scores, temperature);
    const best = probabilities.indexOf(Math.max(...probabilities));
    return { actual: classes[label], predicted: classes[best], probability: probabilities[best] };
  });
}

function featurise(examples: readonly TrainingExample[], options: NaiveBayesOptions): LabelledFeatures[] {
  return examples.map((e) => ({ features: messageFeatures(e.text, options), label: e.serviceId }));
}

/**
 * Each example scored by a model trained on the other folds, in the examples' order. Folds are
 * stratified: each class's examples are dealt to the folds in turn, starting where the previous
 * class stopped.
 */
function outOfFoldScores(
  featured: readonly LabelledFeatures[],
  classes: readonly string[],
  options: NaiveBayesOptions,
  folds: number,
): ScoredExample[] {
  const k = Math.min(folds, featured.length);
  if (k < 2) return [];
  const foldOf = new Array<number>(featured.length);
  let next = 0;
  for (const label of classes) {
    featured.forEach((example, i) => {
      if (example.label !== label) return;
      foldOf[i] = next;
      next = (next + 1) % k;
    });
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const scored = new Array<ScoredExample>(featured.length);
  for (let fold = 0; fold < k; fold++) {
    const model = countFeatures(
      featured.filter((_, i) => foldOf[i] !== fold),
      classes,
      options,
    );
    featured.forEach((example, i) => {
      if (foldOf[i] !== fold) return;
      scored[i] = { scores: rawScores(model, example.features), label: index.get(example.label) ?? 0 };
    });
  }
  return scored;
}
