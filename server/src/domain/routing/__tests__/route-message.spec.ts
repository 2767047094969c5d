import { DEFAULT_SERVICE_CALENDAR } from '../../sla/index.js';
import { learnExample, trainClassifier } from '../../classifier/classifier.js';
import { routeMessage, type RouteMessageInput } from '../route-message.js';
import type { RoutingRule } from '../rules.js';

const NAMES: Record<string, string> = { voirie: 'Voirie', proprete: 'Propreté', accueil: 'Accueil' };
const classifier = trainClassifier([
  { text: 'Le lampadaire de ma rue est éteint', serviceId: 'voirie' },
  { text: 'Un nid de poule énorme sur la chaussée', serviceId: 'voirie' },
  { text: 'Le trottoir est défoncé devant chez moi', serviceId: 'voirie' },
  { text: 'Les poubelles ne sont pas ramassées', serviceId: 'proprete' },
  { text: 'Dépôt sauvage de déchets au bout du chemin', serviceId: 'proprete' },
  { text: 'Les bacs jaunes débordent encore', serviceId: 'proprete' },
  { text: 'Quels sont les horaires de la mairie ?', serviceId: 'accueil' },
  { text: 'Comment inscrire mon fils à la cantine ?', serviceId: 'accueil' },
  { text: 'Merci pour votre accueil chaleureux', serviceId: 'accueil' },
]);
const nids: RoutingRule = {
  id: 'r-nids',
  name: 'Nids de poule',
  conditions: { keywords: ['nid de poule'] },
  actions: { serviceId: 'voirie', priority: 'high' },
};
const soir: RoutingRule = {
  id: 'r-soir',
  name: 'Hors horaires',
  continue: true,
  conditions: { staffedHours: 'outside' },
  actions: { tags: ['soir'] },
};
const input = (text: string, extra: Partial<RouteMessageInput> = {}): RouteMessageInput => ({
  rules: [soir, nids],
  sample: { text, receivedAt: new Date('2026-03-14T21:00:00+01:00') }, // a Saturday evening
  context: { calendar: DEFAULT_SERVICE_CALENDAR },
  classifier,
  triageServiceId: 'accueil',
  serviceIds: ['voirie', 'proprete', 'accueil'],
  serviceName: (id) => NAMES[id],
  ...extra,
});

describe('routeMessage', () => {
  it('follows a matching rule and explains it, without running the classifier', () => {
    const decision = routeMessage(input('Encore un nid de poule rue Haute'));
    expect(decision).toMatchObject({
      serviceId: 'voirie',
      source: 'rule',
      priority: 'high',
      tags: ['soir'],
      suggestions: null,
      explanation:
        "règle « Hors horaires » (hors des heures d'ouverture) ; règle « Nids de poule » (mot-clé « nid de poule ») → Voirie",
    });
    expect(decision.matchedRules.map((m) => m.ruleId)).toEqual(['r-soir', 'r-nids']);
  });

  it('routes with the classifier when its best service reaches the threshold', () => {
    const decision = routeMessage(
      input('Les poubelles et les bacs jaunes débordent, déchets partout', { threshold: 0.6 }),
    );
    expect(decision.source).toBe('classifier');
    expect(decision.serviceId).toBe('proprete');
    expect(decision.tags).toEqual(['soir']);
    expect(decision.suggestions).toHaveLength(3);
    expect(decision.suggestions?.[0].serviceId).toBe('proprete');
    expect(decision.suggestions?.[0].probability).toBeGreaterThanOrEqual(0.6);
    expect(decision.explanation).toMatch(
      /^règle « Hors horaires » \(hors des heures d'ouverture\) ; classifieur : Propreté [01],\d\d, (Voirie|Accueil) [01],\d\d, (Voirie|Accueil) [01],\d\d \(seuil 0,60\) → Propreté$/,
    );
  });

  it('leaves the message in triage with the suggestions when the classifier is unsure', () => {
    const decision = routeMessage(input('Question sur le marché de Noël', { threshold: 0.99 }));
    expect(decision.source).toBe('triage');
    expect(decision.serviceId).toBe('accueil');
    expect(decision.suggestions).toHaveLength(3);
    expect(decision.explanation).toMatch(/classifieur incertain : .+ \(seuil 0,99\) → reste en Accueil$/);
  });

  it('routes exactly at the threshold', () => {
    const probe = routeMessage(input('Les poubelles débordent', { threshold: 0 }));
    const p = probe.suggestions?.[0].probability ?? 1;
    expect(routeMessage(input('Les poubelles débordent', { threshold: p })).source).toBe('classifier');
    expect(routeMessage(input('Les poubelles débordent', { threshold: p + 1e-9 })).source).toBe('triage');
  });

  it('stays in triage before any model is trained', () => {
    const decision = routeMessage(input('Les poubelles débordent', { classifier: null }));
    expect(decision).toMatchObject({ serviceId: 'accueil', source: 'triage', suggestions: null });
    expect(decision.explanation).toContain("le classifieur n'est pas encore entraîné → Accueil (tri)");
  });

  it('never suggests a service that no longer exists', () => {
    const decision = routeMessage(
      input('Les poubelles débordent', { serviceIds: ['voirie', 'accueil'], threshold: 0 }),
    );
    expect(decision.suggestions?.map((s) => s.serviceId).sort()).toEqual(['accueil', 'voirie']);
  });

  it('does not route on a single remaining candidate, whose probability is 1 by construction', () => {
    const decision = routeMessage(input('Les poubelles débordent', { serviceIds: ['voirie'] }));
    expect(decision.source).toBe('triage');
    expect(decision.suggestions).toEqual([{ serviceId: 'voirie', probability: 1 }]);
  });

  it('follows what agents taught it', () => {
    const text = 'Le marché de Noël a lieu quand ?';
    const taught = learnExample(
      learnExample(classifier, { text: 'Horaires du marché de Noël ?', serviceId: 'accueil' }),
      {
        text: 'Le marché de Noël ouvre quand ?',
        serviceId: 'accueil',
      },
    );
    const before = routeMessage(input(text, { threshold: 0 })).suggestions?.[0];
    const after = routeMessage(input(text, { classifier: taught, threshold: 0 })).suggestions?.[0];
    expect(after?.serviceId).toBe('accueil');
    expect(after?.probability).toBeGreaterThan(before?.serviceId === 'accueil' ? before.probability : 0);
  });
});
