/** Probabilities from log-scores divided by a temperature (the largest score is subtracted first). */
export function softmax(scores: readonly number[], temperature: number): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export interface ScoredExample {
  readonly scores: readonly number[];
  /** Index of the true class in `scores`. */
  readonly label: number;
}

const MIN_LOG_TEMPERATURE = Math.log(1e-3);
const MAX_LOG_TEMPERATURE = Math.log(1e3);

/**
 * Temperature scaling (Guo et al. 2017): the single T that minimises the cross-entropy of
 * softmax(scores / T) on scores the model gave to messages it was not trained on. Naive Bayes
 * multiplies many dependent word probabilities and is wildly overconfident; one parameter fixes most
 * of that without changing which class ranks first. The targets are smoothed by 1/(n + 2), the rule
 * of succession: after n out-of-fold answers, all right, the next one is not certain either. Without
 * it a small training set whose few held-out messages all happen to be right would fit T → 0 and
 * route everything with probability 1; with hundreds of messages the smoothing is negligible. The
 * loss is convex in 1/T, so a golden-section search over log T finds the optimum.
 */
export function fitTemperature(examples: readonly ScoredExample[]): number {
  if (examples.length === 0) return 1;
  const smoothing = 1 / (examples.length + 2);
  const loss = (logT: number): number => crossEntropy(examples, Math.exp(logT), smoothing);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = MIN_LOG_TEMPERATURE;
  let hi = MAX_LOG_TEMPERATURE;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = loss(a);
  let fb = loss(b);
  for (let i = 0; i < 80 && hi - lo > 1e-6; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = loss(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = loss(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Mean negative log-likelihood of the true classes under softmax(scores / temperature). */
export function negativeLogLikelihood(examples: readonly ScoredExample[], temperature: number): number {
  return crossEntropy(examples, temperature, 0);
}

/** Mean cross-entropy against targets 1 − ε on the true class and ε shared by the others. */
function crossEntropy(examples: readonly ScoredExample[], temperature: number, smoothing: number): number {
  let total = 0;
  for (const { scores, label } of examples) {
    const max = Math.max(...scores);
    let sum = 0;
    for (const s of scores) sum += Math.exp((s - max) / temperature);
    const logZ = Math.log(sum);
    const others = scores.length > 1 ? smoothing / (scores.length - 1) : 0;
    scores.forEach((s, c) => {
      const target = c === label ? 1 - smoothing : others;
      if (target > 0) total -= target * ((s - max) / temperature - logZ);
    });
  }
  return total / examples.length;
}
