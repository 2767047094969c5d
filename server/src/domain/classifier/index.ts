/**
 * The French text classifier that suggests a service when no routing rule decides. Pure TypeScript:
 * no clock, no database; models are plain values that serialise to JSON.
 *
 * - Text: lower case, elisions and French stop words dropped, numbers as one token, Snowball French
 *   stems with accents folded (french-text.ts).
 * - Model: complement naive Bayes over term presence (naive-bayes.ts), trained from scratch in well
 *   under a second for a few thousand messages, and updatable one labelled message at a time (an
 *   agent's re-route).
 * - Probabilities: calibrated by temperature scaling fitted on out-of-fold scores (calibration.ts).
 * - Deterministic: the same examples in the same order give the same model and the same JSON.
 */
export {
  CALIBRATION_FOLDS,
  classify,
  crossValidate,
  DEFAULT_CLASSIFIER_OPTIONS,
  learnExample,
  trainClassifier,
} from './classifier.js';
export type { ClassifyOptions, ServiceProbability, TextClassifier, TrainingExample } from './classifier.js';
export { fitTemperature, softmax } from './calibration.js';
export {
  FRENCH_STOP_WORDS,
  foldAccents,
  frenchTerms,
  frenchWords,
  NUMBER_TOKEN,
  stemFrench,
} from './french-text.js';
export { classificationReport, thresholdReport } from './metrics.js';
export type { ClassificationReport, ClassMetrics, Outcome, ThresholdReport } from './metrics.js';
export type { NaiveBayesOptions } from './naive-bayes.js';
export {
  CLASSIFIER_FORMAT,
  CLASSIFIER_FORMAT_VERSION,
  ClassifierModelError,
  classifierFromJson,
  classifierToJson,
} from './serialize.js';
export type { ClassifierJson } from './serialize.js';
