import { DEFAULT_SERVICE_CALENDAR } from '../../sla/index.js';
import {
  evaluateRules,
  testRule,
  type RoutingRule,
  type RoutingSample,
  type RuleDefinition,
} from '../rules.js';
import { MAX_REGEX_INPUT } from '../safe-regex.js';

const context = { calendar: DEFAULT_SERVICE_CALENDAR };
// Tuesday 10:00 in Paris: staffed. Saturday 10:00 and 1 May (a Friday, public holiday): not.
const TUESDAY_MORNING = new Date('2026-03-10T10:00:00+01:00');
const SATURDAY_MORNING = new Date('2026-03-14T10:00:00+01:00');
const MAY_DAY = new Date('2026-05-01T10:00:00+02:00');

const sample = (text: string, extra: Partial<RoutingSample> = {}): RoutingSample => ({
  text,
  platform: 'facebook',
  kind: 'comment',
  channelAccountId: 'page-1',
  contactTags: [],
  receivedAt: TUESDAY_MORNING,
  ...extra,
});
const rule = (conditions: RuleDefinition['conditions'], extra: Partial<RoutingRule> = {}): RoutingRule => ({
  id: extra.id ?? 'r1',
  name: extra.name ?? 'règle',
  conditions,
  actions: { serviceId: 'voirie' },
  ...extra,
});
const matches = (r: RuleDefinition, s: RoutingSample): boolean => testRule(r, s, context).matched;

describe('keyword conditions', () => {
  const eclairage = rule({ keywords: ["l'éclairage"] });

  it('ignores case, accents and elisions on both sides', () => {
    expect(matches(eclairage, sample('Plus d’ÉCLAIRAGE rue Jaurès'))).toBe(true);
    expect(matches(eclairage, sample('eclairage en panne'))).toBe(true);
    expect(matches(rule({ keywords: ['eclairage'] }), sample("L'Éclairage ne marche plus"))).toBe(true);
    expect(matches(rule({ keywords: ["bouche d'égout"] }), sample('la bouche d egout deborde'))).toBe(true);
    expect(matches(rule({ keywords: ['bouche d egout'] }), sample("La bouche d'égout déborde"))).toBe(true);
  });

  it('matches a phrase as a run of whole words, through punctuation', () => {
    const nid = rule({ keywords: ['nid de poule'] });
    expect(matches(nid, sample('Encore un NID-DE-POULE, rue Jaurès'))).toBe(true);
    expect(matches(nid, sample('un nid de la poule'))).toBe(false);
    expect(matches(nid, sample('poule de nid'))).toBe(false);
  });

  it('matches whole words only, unless the keyword ends with *', () => {
    expect(matches(rule({ keywords: ['trottoir'] }), sample('trottoirs glissants'))).toBe(false);
    expect(matches(rule({ keywords: ['trottoir*'] }), sample('trottoirs glissants'))).toBe(true);
    expect(matches(rule({ keywords: ['tag'] }), sample('un étage entier'))).toBe(false);
    expect(matches(rule({ keywords: ['dépôt* sauvage*'] }), sample('Dépôts sauvages rue Haute'))).toBe(true);
  });

  it('matches if any keyword occurs, and says which', () => {
    const result = testRule(
      rule({ keywords: ['lampadaire*', 'éclairage'] }),
      sample('Le lampadaire clignote'),
      context,
    );
    expect(result.conditions).toEqual([
      { field: 'conditions.keywords', matched: true, detail: 'mot-clé « lampadaire* »' },
    ]);
  });
});

describe('regex conditions', () => {
  it('runs on the raw text, without regard to case by default', () => {
    expect(matches(rule({ regex: { pattern: '\\bURGENT\\b' } }), sample('c’est urgent !'))).toBe(true);
    expect(
      matches(rule({ regex: { pattern: '\\bURGENT\\b', ignoreCase: false } }), sample('c’est urgent !')),
    ).toBe(false);
    expect(matches(rule({ regex: { pattern: '\\d{5}' } }), sample('code postal 21000'))).toBe(true);
  });

  it('explains what matched', () => {
    const result = testRule(
      rule({ regex: { pattern: 'n°\\s*\\d+' } }),
      sample('devant le n° 19 de la rue'),
      context,
    );
    expect(result.conditions[0]).toEqual({
      field: 'conditions.regex',
      matched: true,
      detail: 'expression régulière (« n° 19 »)',
    });
  });

  it('only looks at the first MAX_REGEX_INPUT characters of a message', () => {
    const r = rule({ regex: { pattern: 'fin' } });
    expect(matches(r, sample(`${'x'.repeat(MAX_REGEX_INPUT - 3)}fin`))).toBe(true);
    expect(matches(r, sample(`${'x'.repeat(MAX_REGEX_INPUT)}fin`))).toBe(false);
  });

  it('does not match with a pattern that does not compile (a rule that skipped validation)', () => {
    const result = testRule(rule({ regex: { pattern: '(' } }), sample('('), context);
    expect(result.matched).toBe(false);
    expect(result.conditions[0].detail).toBe('expression régulière invalide');
  });
});

describe('other conditions', () => {
  it('checks platform, kind and connected account', () => {
    const r = rule({
      platforms: ['instagram', 'facebook'],
      kinds: ['direct'],
      channelAccountIds: ['page-1'],
    });
    expect(matches(r, sample('x', { kind: 'direct' }))).toBe(true);
    expect(matches(r, sample('x', { kind: 'comment' }))).toBe(false);
    expect(matches(r, sample('x', { kind: 'direct', platform: 'mastodon' }))).toBe(false);
    expect(matches(r, sample('x', { kind: 'direct', channelAccountId: 'page-2' }))).toBe(false);
    expect(matches(r, sample('x', { kind: 'direct', platform: null }))).toBe(false);
  });

  it('checks the language of the message', () => {
    const english = rule({ languages: ['en'] });
    expect(matches(english, sample('Hello, the street light in front of my house is broken'))).toBe(true);
    expect(matches(english, sample('Bonjour, le lampadaire devant chez moi est cassé'))).toBe(false);
  });

  it('checks the contact tags without regard to case or accents', () => {
    const press = rule({ contactTags: ['Presse', 'élu'] });
    expect(matches(press, sample('x', { contactTags: ['ELU'] }))).toBe(true);
    expect(matches(press, sample('x', { contactTags: ['riverain'] }))).toBe(false);
    expect(matches(press, sample('x'))).toBe(false);
  });

  it('checks staffed hours on the calendar of the context, holidays included', () => {
    const outside = rule({ staffedHours: 'outside' });
    const inside = rule({ staffedHours: 'inside' });
    expect(matches(inside, sample('x', { receivedAt: TUESDAY_MORNING }))).toBe(true);
    expect(matches(outside, sample('x', { receivedAt: TUESDAY_MORNING }))).toBe(false);
    expect(matches(outside, sample('x', { receivedAt: SATURDAY_MORNING }))).toBe(true);
    expect(matches(outside, sample('x', { receivedAt: MAY_DAY }))).toBe(true);
    expect(testRule(outside, sample('x', { receivedAt: MAY_DAY }), context).conditions[0].detail).toBe(
      "hors des heures d'ouverture",
    );
  });

  it('needs every condition (AND) and reports each one, matched or not', () => {
    const r = rule({ platforms: ['facebook'], keywords: ['poubelle*'], staffedHours: 'outside' });
    const result = testRule(r, sample('Les poubelles débordent'), context);
    expect(result.matched).toBe(false);
    expect(result.conditions.map((c) => [c.field, c.matched])).toEqual([
      ['conditions.platforms', true],
      ['conditions.staffedHours', false],
      ['conditions.keywords', true],
    ]);
  });
});

describe('evaluateRules', () => {
  const nids = rule(
    { keywords: ['nid de poule'] },
    { id: 'nids', name: 'Nids de poule', actions: { serviceId: 'voirie' } },
  );
  const poubelles = rule(
    { keywords: ['poubelle*'] },
    { id: 'poubelles', name: 'Poubelles', actions: { serviceId: 'proprete' } },
  );
  const night = rule(
    { staffedHours: 'outside' },
    { id: 'night', name: 'Hors horaires', continue: true, actions: { priority: 'high', tags: ['soir'] } },
  );
  const press = rule(
    { contactTags: ['presse'] },
    {
      id: 'press',
      name: 'Presse',
      continue: true,
      actions: { serviceId: 'accueil', sensitive: true, tags: ['presse', 'soir'] },
    },
  );

  it('takes the first matching rule and stops', () => {
    const outcome = evaluateRules(
      [nids, poubelles],
      sample('Un nid de poule et une poubelle renversée'),
      context,
    );
    expect(outcome.serviceId).toBe('voirie');
    expect(outcome.matchedRules.map((m) => m.ruleId)).toEqual(['nids']);
    expect(
      evaluateRules([poubelles, nids], sample('Un nid de poule et une poubelle renversée'), context)
        .serviceId,
    ).toBe('proprete');
  });

  it('skips disabled rules', () => {
    const outcome = evaluateRules(
      [{ ...nids, enabled: false }, poubelles],
      sample('nid de poule, poubelle'),
      context,
    );
    expect(outcome.serviceId).toBe('proprete');
  });

  it('goes on after a rule that says continue and merges the actions', () => {
    const outcome = evaluateRules(
      [night, press, nids, poubelles],
      sample('Nid de poule rue Haute', { receivedAt: SATURDAY_MORNING, contactTags: ['presse'] }),
      context,
    );
    // The later rule's service wins; tags add up once each; sensitive stays set; the priority is kept.
    expect(outcome).toMatchObject({
      serviceId: 'voirie',
      priority: 'high',
      tags: ['soir', 'presse'],
      sensitive: true,
    });
    expect(outcome.matchedRules.map((m) => m.ruleId)).toEqual(['night', 'press', 'nids']);
  });

  it('keeps the highest priority any matching rule sets', () => {
    const urgent = rule(
      { regex: { pattern: 'danger' } },
      { id: 'u', continue: true, actions: { priority: 'urgent' } },
    );
    const low = rule(
      { keywords: ['nid de poule'] },
      { id: 'l', actions: { serviceId: 'voirie', priority: 'low' } },
    );
    expect(evaluateRules([urgent, low], sample('Nid de poule, danger !'), context).priority).toBe('urgent');
  });

  it('leaves the service to the classifier when only continuing rules without a service match', () => {
    const outcome = evaluateRules(
      [night, poubelles],
      sample('Lampadaire éteint', { receivedAt: SATURDAY_MORNING }),
      context,
    );
    expect(outcome).toMatchObject({ serviceId: null, priority: 'high', tags: ['soir'] });
  });

  it('matches nothing with no rules', () => {
    expect(evaluateRules([], sample('x'), context)).toEqual({
      serviceId: null,
      priority: null,
      tags: [],
      sensitive: false,
      matchedRules: [],
    });
  });
});
