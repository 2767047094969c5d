export interface ClassMetrics {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Messages whose true label this is. */
  readonly support: number;
}

export interface ClassificationReport {
  readonly count: number;
  readonly accuracy: number;
  /** Unweighted mean of the per-class F1 over every label that is true or predicted at least once. */
  readonly macroF1: number;
  readonly perClass: ClassMetrics[];
}

export interface Outcome {
  readonly actual: string;
  readonly predicted: string;
}

/** Accuracy, macro-F1 and per-class precision/recall/F1 (a class never predicted has precision 0). */
export function classificationReport(outcomes: readonly Outcome[]): ClassificationReport {
  const labels = [...new Set(outcomes.flatMap((o) => [o.actual, o.predicted]))].sort();
  const perClass = labels.map((label): ClassMetrics => {
    let truePositives = 0;
    let predicted = 0;
    let support = 0;
    for (const o of outcomes) {
      if (o.predicted === label) predicted++;
      if (o.actual === label) support++;
      if (o.predicted === label && o.actual === label) truePositives++;
    }
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = outcomes.filter((o) => o.actual === o.predicted).length;
  return {
    count: outcomes.length,
    accuracy: outcomes.length === 0 ? 0 : correct / outcomes.length,
    macroF1: perClass.length === 0 ? 0 : perClass.reduce((sum, m) => sum + m.f1, 0) / perClass.length,
    perClass,
  };
}

export interface ThresholdReport {
  readonly threshold: number;
  /** Share of messages whose top probability reaches the threshold (routed without an agent). */
  readonly routedShare: number;
  /** Accuracy among those routed messages (null when none is). */
  readonly routedAccuracy: number | null;
  /** Mean top probability minus accuracy over all messages: > 0 overconfident, < 0 underconfident. */
  readonly confidenceGap: number;
}

export function thresholdReport(
  outcomes: ReadonlyArray<Outcome & { readonly probability: number }>,
  threshold: number,
): ThresholdReport {
  const routed = outcomes.filter((o) => o.probability >= threshold);
  const correctRouted = routed.filter((o) => o.actual === o.predicted).length;
  const meanConfidence = outcomes.reduce((sum, o) => sum + o.probability, 0) / Math.max(outcomes.length, 1);
  const accuracy = outcomes.filter((o) => o.actual === o.predicted).length / Math.max(outcomes.length, 1);
  return {
    threshold,
    routedShare: outcomes.length === 0 ? 0 : routed.length / outcomes.length,
    routedAccuracy: routed.length === 0 ? null : correctRouted / routed.length,
    confidenceGap: meanConfidence - accuracy,
  };
}
