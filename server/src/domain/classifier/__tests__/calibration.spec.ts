import { fitTemperature, negativeLogLikelihood, softmax } from '../calibration.js';
import { classificationReport, thresholdReport } from '../metrics.js';

describe('softmax', () => {
  it('divides the scores by the temperature and survives large scores', () => {
    const [low, high] = softmax([0, Math.log(3)], 1);
    expect(low).toBeCloseTo(0.25, 12);
    expect(high).toBeCloseTo(0.75, 12);
    expect(softmax([1000, 1000 - 2 * Math.log(3)], 2)[0]).toBeCloseTo(0.75, 12);
  });
});

describe('fitTemperature', () => {
  it('finds the temperature that turns overconfident scores into observed frequencies', () => {
    // Always 10 points ahead, right 7 times out of 10: by the rule of succession, (7 + 1) / (10 + 2).
    const examples = [
      ...Array.from({ length: 7 }, () => ({ scores: [10, 0], label: 0 })),
      ...Array.from({ length: 3 }, () => ({ scores: [10, 0], label: 1 })),
    ];
    const t = fitTemperature(examples);
    expect(t).toBeCloseTo(10 / Math.log(2), 3);
    expect(softmax([10, 0], t)[0]).toBeCloseTo(8 / 12, 5);
    expect(negativeLogLikelihood(examples, t)).toBeLessThan(negativeLogLikelihood(examples, 1));
  });

  it('approaches the observed frequency with many examples', () => {
    const examples = Array.from({ length: 1000 }, (_, i) => ({ scores: [10, 0], label: i < 700 ? 0 : 1 }));
    expect(softmax([10, 0], fitTemperature(examples))[0]).toBeCloseTo(701 / 1002, 5);
  });

  it('does not turn a few lucky held-out answers into certainty', () => {
    const examples = Array.from({ length: 9 }, () => ({ scores: [5, 0, 1], label: 0 }));
    const p = softmax([5, 0, 1], fitTemperature(examples))[0];
    // 1 − 1/(9 + 2) would be exact with two classes; with three it lands close.
    expect(p).toBeGreaterThan(0.85);
    expect(p).toBeLessThan(0.95);
  });

  it('sharpens underconfident scores', () => {
    const examples = Array.from({ length: 20 }, (_, i) => ({ scores: [0.1, 0], label: i < 19 ? 0 : 1 }));
    expect(fitTemperature(examples)).toBeLessThan(0.05);
    expect(softmax([0.1, 0], fitTemperature(examples))[0]).toBeCloseTo(20 / 22, 4);
  });

  it('is 1 without data', () => {
    expect(fitTemperature([])).toBe(1);
  });
});

describe('classificationReport', () => {
  it('computes accuracy, per-class F1 and their unweighted mean', () => {
    const report = classificationReport([
      { actual: 'a', predicted: 'a' },
      { actual: 'a', predicted: 'b' },
      { actual: 'b', predicted: 'b' },
      { actual: 'c', predicted: 'b' },
    ]);
    expect(report.accuracy).toBe(0.5);
    const f1 = Object.fromEntries(report.perClass.map((m) => [m.label, m.f1]));
    expect(f1.a).toBeCloseTo(2 / 3, 12); // precision 1, recall 1/2
    expect(f1.b).toBeCloseTo(0.5, 12); // precision 1/3, recall 1
    expect(f1.c).toBe(0); // never predicted
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5) / 3, 12);
  });

  it('reports the routed share and its accuracy at a threshold', () => {
    const report = thresholdReport(
      [
        { actual: 'a', predicted: 'a', probability: 0.9 },
        { actual: 'a', predicted: 'b', probability: 0.8 },
        { actual: 'b', predicted: 'b', probability: 0.5 },
        { actual: 'c', predicted: 'c', probability: 0.75 },
      ],
      0.75,
    );
    expect(report.routedShare).toBe(0.75);
    expect(report.routedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(report.confidenceGap).toBeCloseTo((0.9 + 0.8 + 0.5 + 0.75) / 4 - 0.75, 12);
  });
});
