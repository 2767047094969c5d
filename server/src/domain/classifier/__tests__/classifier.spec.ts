import {
  classify,
  crossValidate,
  DEFAULT_CLASSIFIER_OPTIONS,
  learnExample,
  trainClassifier,
} from '../classifier.js';
import { classificationReport, thresholdReport } from '../metrics.js';
import { ClassifierModelError, classifierFromJson, classifierToJson } from '../serialize.js';
import { demoCorpusSplits } from './demo-corpus.js';

const { train, test } = demoCorpusSplits();
const model = trainClassifier(train);
const best = (text: string, m = model): string => classify(m, text, { top: 1 })[0].serviceId;

describe('trainClassifier and classify', () => {
  it('ranks the services with probabilities that sum to 1 over all classes', () => {
    const all = classify(model, 'Le lampadaire devant chez moi est éteint depuis une semaine', {
      top: Infinity,
    });
    expect(all.map((s) => s.serviceId).sort()).toEqual([...model.classes].sort());
    expect(all[0].serviceId).toBe('voirie');
    expect(all.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < all.length; i++)
      expect(all[i].probability).toBeLessThanOrEqual(all[i - 1].probability);
  });

  it('returns the top three by default', () => {
    expect(classify(model, 'Dépôt sauvage de gravats au bout du chemin')).toHaveLength(3);
  });

  it('renormalises over the services that still exist', () => {
    const kept = ['voirie', 'proprete', 'accueil'];
    const ranked = classify(model, 'Le lampadaire est cassé', { top: Infinity, serviceIds: kept });
    expect(ranked.map((s) => s.serviceId).sort()).toEqual([...kept].sort());
    expect(ranked.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic: the same examples give the same model, byte for byte', () => {
    expect(JSON.stringify(classifierToJson(trainClassifier(train)))).toBe(
      JSON.stringify(classifierToJson(model)),
    );
  });

  it('fits a finite temperature on out-of-fold scores', () => {
    expect(Number.isFinite(model.temperature)).toBe(true);
    expect(model.temperature).toBeGreaterThan(0);
  });
});

describe('serialisation', () => {
  it('round-trips through JSON text with identical predictions and identical JSON', () => {
    const json = JSON.stringify(classifierToJson(model));
    const restored = classifierFromJson(JSON.parse(json));
    expect(JSON.stringify(classifierToJson(restored))).toBe(json);
    for (const { text } of test.slice(0, 20)) {
      expect(classify(restored, text, { top: Infinity })).toEqual(classify(model, text, { top: Infinity }));
    }
  });

  it('keeps a term that is also an Object.prototype property name', () => {
    const m = learnExample(model, { text: 'constructor toString', serviceId: 'accueil' });
    const restored = classifierFromJson(JSON.parse(JSON.stringify(classifierToJson(m))));
    expect(classify(restored, 'constructor', { top: Infinity })).toEqual(
      classify(m, 'constructor', { top: Infinity }),
    );
  });

  it('refuses a corrupt or foreign model', () => {
    const json = classifierToJson(model);
    expect(() => classifierFromJson(null)).toThrow(ClassifierModelError);
    expect(() => classifierFromJson({ ...json, version: 2 })).toThrow(/unsupported format/);
    expect(() => classifierFromJson({ ...json, temperature: -1 })).toThrow(/temperature/);
    expect(() => classifierFromJson({ ...json, docCounts: [1] })).toThrow(/docCounts/);
    expect(() => classifierFromJson({ ...json, counts: { rue: [1, 'x'] } })).toThrow(/counts of "rue"/);
    expect(() => classifierFromJson({ ...json, options: { ...json.options, variant: 'svm' } })).toThrow(
      /options/,
    );
  });
});

describe('learnExample', () => {
  const text = 'Où en est le dossier zorglub de ma fille ?';

  it('changes a prediction from a single new label (an agent re-routing a ticket)', () => {
    expect(best(text)).not.toBe('culture');
    const updated = learnExample(model, {
      text: 'Inscription à l’atelier zorglub du mercredi',
      serviceId: 'culture',
    });
    expect(best(text, updated)).toBe('culture');
    // The given model is a value: it has not changed.
    expect(best(text)).not.toBe('culture');
    expect(updated.docCounts.reduce((a, b) => a + b, 0)).toBe(train.length + 1);
  });

  it('learns a service it has never seen', () => {
    const updated = learnExample(model, { text: 'Le gymnase Coubertin est fermé', serviceId: 'sports' });
    expect(updated.classes).toContain('sports');
    expect(classify(updated, 'gymnase', { top: Infinity }).map((s) => s.serviceId)).toContain('sports');
    const restored = classifierFromJson(JSON.parse(JSON.stringify(classifierToJson(updated))));
    expect(classify(restored, 'gymnase Coubertin', { top: Infinity })).toEqual(
      classify(updated, 'gymnase Coubertin', { top: Infinity }),
    );
  });

  it('gives the same counts as training on the extended set, apart from the temperature', () => {
    const extra = { text: 'Le banc du square est cassé', serviceId: 'espaces-verts' };
    const incremental = classifierToJson(learnExample(model, extra));
    const retrained = classifierToJson(trainClassifier([...train, extra]));
    expect({ ...incremental, temperature: 0 }).toEqual({ ...retrained, temperature: 0 });
  });
});

describe('quality on the held-back test split of the demo corpus', () => {
  // Measured on 2026-12-02: macro-F1 0.859, accuracy 0.859, 77 % routed at 0.75 with 94.5 % accuracy.
  const outcomes = test.map(({ text, serviceId }) => {
    const [top] = classify(model, text, { top: 1 });
    return { actual: serviceId, predicted: top.serviceId, probability: top.probability };
  });

  it('reaches a macro-F1 of at least 0.83 (issue target: 0.85)', () => {
    const report = classificationReport(outcomes);
    expect(report.count).toBe(71);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.83);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.83);
  });

  it('routes most messages at the default threshold, and those mostly right', () => {
    const routed = thresholdReport(outcomes, 0.75);
    expect(routed.routedShare).toBeGreaterThanOrEqual(0.65);
    expect(routed.routedAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('is calibrated on cross-validation: mean confidence within 5 points of accuracy', () => {
    const outOfFold = crossValidate(train, DEFAULT_CLASSIFIER_OPTIONS);
    expect(Math.abs(thresholdReport(outOfFold, 0.75).confidenceGap)).toBeLessThan(0.05);
  });
});
