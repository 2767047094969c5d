import { validateRoutingRule, validateRuleOrder, type RuleFieldError } from '../validate-rule.js';
import { regexProblem } from '../safe-regex.js';

const context = { serviceIds: ['voirie', 'proprete', 'accueil'] };
const valid = {
  name: 'Nids de poule',
  conditions: { keywords: ['nid de poule'] },
  actions: { serviceId: 'voirie' },
};
const errorsOf = (input: unknown): RuleFieldError[] => {
  const result = validateRoutingRule(input, context);
  return result.ok ? [] : result.errors;
};
const fieldsOf = (input: unknown): string[] => errorsOf(input).map((e) => e.field);

describe('validateRoutingRule', () => {
  it('accepts a rule and normalises it', () => {
    const result = validateRoutingRule(
      {
        name: '  Nids de poule ',
        conditions: {
          keywords: [' nid de poule', 'nid de poule', 'chaussée*'],
          platforms: ['facebook', 'facebook'],
          kinds: [],
          regex: { pattern: '\\btrou\\b' },
          staffedHours: 'outside',
        },
        actions: { serviceId: 'voirie', priority: 'high', tags: ['voirie', ' urgent '], sensitive: false },
      },
      context,
    );
    expect(result).toEqual({
      ok: true,
      rule: {
        name: 'Nids de poule',
        enabled: true,
        continue: false,
        conditions: {
          platforms: ['facebook'],
          keywords: ['nid de poule', 'chaussée*'],
          regex: { pattern: '\\btrou\\b', ignoreCase: true },
          staffedHours: 'outside',
        },
        actions: { serviceId: 'voirie', priority: 'high', tags: ['voirie', 'urgent'] },
      },
    });
  });

  it('names the regex field when the pattern is invalid', () => {
    expect(errorsOf({ ...valid, conditions: { regex: { pattern: '(nid' } } })).toEqual([
      {
        field: 'conditions.regex.pattern',
        message: expect.stringMatching(/^invalid regular expression/) as string,
      },
    ]);
  });

  it('refuses patterns that can backtrack catastrophically', () => {
    for (const pattern of ['(a+)+$', '(\\w+\\s?)+!', '(a|ab)*c', '(x+x+)+y', '(\\d+){3,}z']) {
      expect(fieldsOf({ ...valid, conditions: { regex: { pattern } } })).toEqual([
        'conditions.regex.pattern',
      ]);
    }
  });

  it('refuses a rule with no condition, naming the conditions field', () => {
    expect(fieldsOf({ ...valid, conditions: {} })).toEqual(['conditions']);
    expect(fieldsOf({ ...valid, conditions: { keywords: [], platforms: [] } })).toEqual(['conditions']);
    expect(fieldsOf({ ...valid, conditions: undefined })).toEqual(['conditions']);
  });

  it('refuses an unknown service', () => {
    expect(errorsOf({ ...valid, actions: { serviceId: 'piscine' } })).toEqual([
      { field: 'actions.serviceId', message: 'unknown service' },
    ]);
  });

  it('refuses a rule with no action', () => {
    expect(fieldsOf({ ...valid, actions: {} })).toEqual(['actions']);
    expect(fieldsOf({ ...valid, actions: { sensitive: false, tags: [] } })).toEqual(['actions']);
  });

  it('accepts a rule whose only action is to mark the ticket sensitive', () => {
    expect(validateRoutingRule({ ...valid, actions: { sensitive: true } }, context).ok).toBe(true);
  });

  it('names each bad item of a list', () => {
    expect(
      fieldsOf({
        ...valid,
        conditions: {
          platforms: ['facebook', 'tiktok'],
          keywords: ['ok', '', "l'", 'a*', 'nid*de'],
          languages: ['fr', 'de'],
          staffedHours: 'sometimes',
        },
        actions: { serviceId: 'voirie', priority: 'critical', tags: ['x'.repeat(51)] },
      }),
    ).toEqual([
      'conditions.platforms[1]',
      'conditions.keywords[1]',
      'conditions.keywords[2]',
      'conditions.keywords[3]',
      'conditions.keywords[4]',
      'conditions.languages[1]',
      'conditions.staffedHours',
      'actions.priority',
      'actions.tags[0]',
    ]);
  });

  it('refuses unknown fields and wrong types', () => {
    expect(
      fieldsOf({
        name: '',
        enabled: 'yes',
        colour: 'red',
        conditions: { keywords: 'nid', author: 'x' },
        actions: { serviceId: 3, assignee: 'x' },
      }),
    ).toEqual([
      'colour',
      'name',
      'enabled',
      'conditions.author',
      'conditions.keywords',
      'actions.assignee',
      'actions.serviceId',
    ]);
    expect(errorsOf('rule')).toEqual([{ field: '', message: 'must be an object' }]);
  });
});

describe('regexProblem', () => {
  it('accepts ordinary patterns', () => {
    for (const pattern of [
      'nid\\s+de\\s+poule',
      '\\b(urgent|danger)\\b',
      '\\d{2}([ .]?\\d{2}){4}',
      'n°\\s*\\d+',
      '\\p{Lu}{3,}',
    ]) {
      expect(regexProblem({ pattern })).toBeNull();
    }
  });

  it('refuses empty, over-long, every-message and back-referencing patterns', () => {
    expect(regexProblem({ pattern: '' })).toBe('must not be empty');
    expect(regexProblem({ pattern: 'a'.repeat(201) })).toMatch(/at most 200/);
    expect(regexProblem({ pattern: 'x*' })).toMatch(/matches every message/);
    expect(regexProblem({ pattern: '(a)\\1' })).toMatch(/back-references/);
  });

  it('refuses a polynomial blow-up that the shape check lets through', () => {
    expect(regexProblem({ pattern: 'a*a*a*a*b' })).toMatch(/too slow/);
  });
});

describe('validateRuleOrder', () => {
  it('accepts a permutation of the existing rules', () => {
    expect(validateRuleOrder(['b', 'a', 'c'], ['a', 'b', 'c'])).toEqual([]);
  });

  it('refuses unknown, repeated or missing rules', () => {
    expect(validateRuleOrder(['b', 'b', 'z'], ['a', 'b'])).toEqual([
      { field: 'ruleIds[1]', message: 'listed twice' },
      { field: 'ruleIds[2]', message: 'unknown rule' },
      { field: 'ruleIds', message: 'must list every rule (missing a)' },
    ]);
    expect(validateRuleOrder('a,b', ['a', 'b'])).toEqual([
      { field: 'ruleIds', message: 'must be a list of rule ids' },
    ]);
  });
});
