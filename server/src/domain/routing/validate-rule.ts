import { MESSAGE_KINDS, PLATFORMS, TICKET_PRIORITIES } from '@guichet/shared';
import type { MessageKind, Platform, TicketPriority } from '@guichet/shared';
import { LANGUAGES, type Language } from './language.js';
import { phraseProblem } from './phrase-matcher.js';
import type { RuleActions, RuleConditions, RuleDefinition } from './rules.js';
import { regexProblem } from './safe-regex.js';

export interface RuleFieldError {
  /** Path of the offending field, e.g. "conditions.regex.pattern", "conditions.keywords[2]", "actions.serviceId". */
  readonly field: string;
  readonly message: string;
}

export type RuleValidation = { ok: true; rule: RuleDefinition } | { ok: false; errors: RuleFieldError[] };

export interface RuleValidationContext {
  /** Ids of the services that exist; `actions.serviceId` must be one of them. */
  readonly serviceIds: Iterable<string>;
}

export const MAX_RULE_NAME_LENGTH = 100;
export const MAX_LIST_LENGTH = 100;
export const MAX_KEYWORD_LENGTH = 100;
export const MAX_TAG_LENGTH = 50;

const RULE_FIELDS = new Set(['name', 'enabled', 'continue', 'conditions', 'actions']);
const CONDITION_FIELDS = new Set<keyof RuleConditions>([
  'platforms',
  'kinds',
  'channelAccountIds',
  'keywords',
  'regex',
  'languages',
  'contactTags',
  'staffedHours',
]);
const ACTION_FIELDS = new Set<keyof RuleActions>(['serviceId', 'priority', 'tags', 'sensitive']);

type Fail = (field: string, message: string) => void;

/**
 * Checks a rule from untrusted input (an API body) and returns a normalised copy: strings trimmed,
 * lists deduplicated, empty lists dropped. Reports every problem at once with its field path, so the
 * API can answer 400 naming each field. A rule needs at least one condition and one action.
 */
export function validateRoutingRule(input: unknown, context: RuleValidationContext): RuleValidation {
  const errors: RuleFieldError[] = [];
  const fail: Fail = (field, message) => {
    errors.push({ field, message });
  };
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  unknownFields(input, RULE_FIELDS, '', fail);

  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0) fail('name', 'must be a non-empty string');
  else if (name.length > MAX_RULE_NAME_LENGTH)
    fail('name', `must be at most ${MAX_RULE_NAME_LENGTH} characters`);
  const enabled = optionalBoolean(input.enabled, 'enabled', true, fail);
  const continues = optionalBoolean(input.continue, 'continue', false, fail);
  const conditions = validateConditions(input.conditions, fail);
  const actions = validateActions(input.actions, context, fail);

  if (errors.length > 0 || !conditions || !actions) return { ok: false, errors };
  return { ok: true, rule: { name, enabled, continue: continues, conditions, actions } };
}

/** Checks a new order of rules: exactly the existing rule ids, each once (reordering is all or nothing). */
export function validateRuleOrder(input: unknown, existingIds: readonly string[]): RuleFieldError[] {
  if (!Array.isArray(input) || input.some((id) => typeof id !== 'string')) {
    return [{ field: 'ruleIds', message: 'must be a list of rule ids' }];
  }
  const ids = input as string[];
  const errors: RuleFieldError[] = [];
  const known = new Set(existingIds);
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (!known.has(id)) errors.push({ field: `ruleIds[${index}]`, message: 'unknown rule' });
    else if (seen.has(id)) errors.push({ field: `ruleIds[${index}]`, message: 'listed twice' });
    seen.add(id);
  });
  const missing = existingIds.filter((id) => !seen.has(id));
  if (missing.length > 0)
    errors.push({ field: 'ruleIds', message: `must list every rule (missing ${missing.join(', ')})` });
  return errors;
}

function validateConditions(value: unknown, fail: Fail): RuleConditions | null {
  if (!isRecord(value)) {
    fail('conditions', 'must be an object');
    return null;
  }
  unknownFields(value, CONDITION_FIELDS, 'conditions', fail);
  const platforms = enumList<Platform>(value.platforms, PLATFORMS, 'conditions.platforms', fail);
  const kinds = enumList<MessageKind>(value.kinds, MESSAGE_KINDS, 'conditions.kinds', fail);
  const channelAccountIds = stringList(value.channelAccountIds, 'conditions.channelAccountIds', 200, fail);
  const keywords = stringList(value.keywords, 'conditions.keywords', MAX_KEYWORD_LENGTH, fail, phraseProblem);
  const regex = validateRegex(value.regex, fail);
  const languages = enumList<Language>(value.languages, LANGUAGES, 'conditions.languages', fail);
  const contactTags = stringList(value.contactTags, 'conditions.contactTags', MAX_TAG_LENGTH, fail);
  let staffedHours: 'inside' | 'outside' | undefined;
  if (value.staffedHours === 'inside' || value.staffedHours === 'outside') staffedHours = value.staffedHours;
  else if (value.staffedHours !== undefined && value.staffedHours !== null) {
    fail('conditions.staffedHours', 'must be "inside" or "outside"');
  }
  const conditions: RuleConditions = withoutEmpty({
    platforms,
    kinds,
    channelAccountIds,
    keywords,
    regex,
    languages,
    contactTags,
    staffedHours,
  });
  if (![...CONDITION_FIELDS].some((key) => isGiven(value[key]))) {
    fail('conditions', 'a rule needs at least one condition');
  }
  return conditions;
}

function validateRegex(value: unknown, fail: Fail): RuleConditions['regex'] {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    fail('conditions.regex', 'must be an object { pattern, ignoreCase }');
    return undefined;
  }
  unknownFields(value, new Set(['pattern', 'ignoreCase']), 'conditions.regex', fail);
  const ignoreCase = optionalBoolean(value.ignoreCase, 'conditions.regex.ignoreCase', true, fail);
  if (typeof value.pattern !== 'string') {
    fail('conditions.regex.pattern', 'must be a string');
    return undefined;
  }
  const problem = regexProblem({ pattern: value.pattern, ignoreCase });
  if (problem) {
    fail('conditions.regex.pattern', problem);
    return undefined;
  }
  return { pattern: value.pattern, ignoreCase };
}

function validateActions(value: unknown, context: RuleValidationContext, fail: Fail): RuleActions | null {
  if (!isRecord(value)) {
    fail('actions', 'must be an object');
    return null;
  }
  unknownFields(value, ACTION_FIELDS, 'actions', fail);
  let serviceId: string | undefined;
  if (typeof value.serviceId === 'string') {
    if (new Set(context.serviceIds).has(value.serviceId)) serviceId = value.serviceId;
    else fail('actions.serviceId', 'unknown service');
  } else if (value.serviceId !== undefined && value.serviceId !== null) {
    fail('actions.serviceId', 'must be a service id');
  }
  let priority: TicketPriority | undefined;
  if (isOneOf(value.priority, TICKET_PRIORITIES)) priority = value.priority;
  else if (value.priority !== undefined && value.priority !== null) {
    fail('actions.priority', `must be one of ${TICKET_PRIORITIES.join(', ')}`);
  }
  const tags = stringList(value.tags, 'actions.tags', MAX_TAG_LENGTH, fail);
  const sensitive = optionalBoolean(value.sensitive, 'actions.sensitive', false, fail);
  const actions: RuleActions = withoutEmpty({ serviceId, priority, tags, sensitive: sensitive || undefined });
  if (![...ACTION_FIELDS].some((key) => isGiven(value[key]))) {
    fail('actions', 'a rule needs at least one action (service, priority, tags or sensitive)');
  }
  return actions;
}

function enumList<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  fail: Fail,
): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    fail(field, `must be a list of ${allowed.join(', ')}`);
    return undefined;
  }
  const result: T[] = [];
  value.forEach((item: unknown, index) => {
    if (!isOneOf(item, allowed)) fail(`${field}[${index}]`, `must be one of ${allowed.join(', ')}`);
    else if (!result.includes(item)) result.push(item);
  });
  return result;
}

function stringList(
  value: unknown,
  field: string,
  maxLength: number,
  fail: Fail,
  problemOf: (item: string) => string | null = () => null,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    fail(field, 'must be a list of strings');
    return undefined;
  }
  if (value.length > MAX_LIST_LENGTH) fail(field, `at most ${MAX_LIST_LENGTH} items`);
  const result: string[] = [];
  value.forEach((item: unknown, index) => {
    const text = typeof item === 'string' ? item.trim() : '';
    const problem =
      text.length === 0
        ? 'must be a non-empty string'
        : text.length > maxLength
          ? `must be at most ${maxLength} characters`
          : problemOf(text);
    if (problem) fail(`${field}[${index}]`, problem);
    else if (!result.includes(text)) result.push(text);
  });
  return result;
}

function optionalBoolean(value: unknown, field: string, fallback: boolean, fail: Fail): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  fail(field, 'must be true or false');
  return fallback;
}

function unknownFields(
  value: Record<string, unknown>,
  known: ReadonlySet<string>,
  prefix: string,
  fail: Fail,
): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) fail(prefix ? `${prefix}.${key}` : key, 'unknown field');
  }
}

/** Whether a field was filled in; a condition's empty list or `sensitive: false` is not. */
function isGiven(value: unknown): boolean {
  return (
    value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0)
  );
}

/** Drops undefined values and empty lists, so that « no condition » is simply an empty object. */
function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
