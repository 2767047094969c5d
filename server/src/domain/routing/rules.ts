import type { MessageKind, Platform, TicketPriority } from '@guichet/shared';
import { TICKET_PRIORITIES } from '@guichet/shared';
import { isStaffed, type BusinessCalendar } from '../sla/index.js';
import { detectLanguage, type Language } from './language.js';
import { normalizeFrench } from './normalize-french.js';
import { compilePhrase, containsPhrase, matchingWords, type PhraseWord } from './phrase-matcher.js';
import { compileRegex, findRegex, type RegexCondition } from './safe-regex.js';

/**
 * Routing rules, as an administrator orders them. Within a rule every condition given must hold
 * (AND); within one condition's list any value may (OR). Rules are tried in order; the first that
 * matches decides, unless it says `continue`: then the following rules are tried too and their
 * actions merge (see mergeActions).
 */
export interface RoutingRule extends RuleDefinition {
  readonly id: string;
}

/** A rule as an administrator writes it (validateRoutingRule checks and normalises one). */
export interface RuleDefinition {
  readonly name: string;
  /** Default true; a disabled rule is skipped. */
  readonly enabled?: boolean;
  /** Default false: a matching rule stops the evaluation. */
  readonly continue?: boolean;
  readonly conditions: RuleConditions;
  readonly actions: RuleActions;
}

export interface RuleConditions {
  readonly platforms?: readonly Platform[];
  readonly kinds?: readonly MessageKind[];
  readonly channelAccountIds?: readonly string[];
  /** Words or phrases, any of which may occur; case, accents and elisions ignored; `word*` is a prefix. */
  readonly keywords?: readonly string[];
  readonly regex?: RegexCondition;
  readonly languages?: readonly Language[];
  /** Tags on the contact (the citizen), any of which may be present, e.g. « presse », « élu ». */
  readonly contactTags?: readonly string[];
  /** Whether the message arrives inside or outside the staffed hours of the calendar in the context. */
  readonly staffedHours?: 'inside' | 'outside';
}

export interface RuleActions {
  readonly serviceId?: string;
  readonly priority?: TicketPriority;
  readonly tags?: readonly string[];
  /** Replies on the ticket need a service head's approval. */
  readonly sensitive?: boolean;
}

/** The message a rule is matched against; fields the caller does not know are left out. */
export interface RoutingSample {
  readonly text: string;
  readonly platform?: Platform | null;
  readonly kind?: MessageKind | null;
  readonly channelAccountId?: string | null;
  readonly contactTags?: readonly string[];
  /** When the message arrived (its `sentAt`, or now for a sample typed in the admin UI). */
  readonly receivedAt: Date;
}

export interface RoutingContext {
  /** Calendar that `staffedHours` conditions are judged against (the town hall's, i.e. the triage service's). */
  readonly calendar: BusinessCalendar;
}

export type ConditionField = `conditions.${keyof RuleConditions}`;

/** One condition of a rule tested against a sample, with a French explanation for agents. */
export interface ConditionResult {
  readonly field: ConditionField;
  readonly matched: boolean;
  readonly detail: string;
}

export interface RuleTestResult {
  readonly matched: boolean;
  /** Every condition the rule has, in a fixed order, whether it matched or not. */
  readonly conditions: ConditionResult[];
}

export interface MatchedRule {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly conditions: ConditionResult[];
}

export interface RulesOutcome {
  /** Null when no matching rule sets a service: the classifier decides. */
  readonly serviceId: string | null;
  readonly priority: TicketPriority | null;
  readonly tags: string[];
  readonly sensitive: boolean;
  /** The rules that matched, in order; the last one stopped the evaluation unless it said `continue`. */
  readonly matchedRules: MatchedRule[];
}

/** Tests one rule against a sample, explaining each condition (the admin UI's « tester » button). */
export function testRule(
  rule: RuleDefinition,
  sample: RoutingSample,
  context: RoutingContext,
): RuleTestResult {
  const conditions = evaluateConditions(compiled(rule), factsOf(sample, context), true);
  return { matched: conditions.every((c) => c.matched), conditions };
}

/**
 * Runs the enabled rules in order. Merging when rules `continue`: the service is the one set by the
 * last matching rule that sets one (a later, more specific rule refines an earlier default); the
 * priority is the highest any matching rule sets (an escalation is never undone); tags add up;
 * sensitive once set stays set.
 */
export function evaluateRules(
  rules: readonly RoutingRule[],
  sample: RoutingSample,
  context: RoutingContext,
): RulesOutcome {
  let outcome: RulesOutcome = {
    serviceId: null,
    priority: null,
    tags: [],
    sensitive: false,
    matchedRules: [],
  };
  const facts = factsOf(sample, context);
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const conditions = evaluateConditions(compiled(rule), facts, false);
    if (!conditions.every((c) => c.matched)) continue;
    outcome = mergeActions(outcome, rule.actions, { ruleId: rule.id, ruleName: rule.name, conditions });
    if (!rule.continue) break;
  }
  return outcome;
}

function mergeActions(outcome: RulesOutcome, actions: RuleActions, match: MatchedRule): RulesOutcome {
  const tags = [...outcome.tags];
  for (const tag of actions.tags ?? []) if (!tags.includes(tag)) tags.push(tag);
  return {
    serviceId: actions.serviceId ?? outcome.serviceId,
    priority: higherPriority(outcome.priority, actions.priority ?? null),
    tags,
    sensitive: outcome.sensitive || actions.sensitive === true,
    matchedRules: [...outcome.matchedRules, match],
  };
}

function higherPriority(a: TicketPriority | null, b: TicketPriority | null): TicketPriority | null {
  if (a === null) return b;
  if (b === null) return a;
  return TICKET_PRIORITIES.indexOf(b) > TICKET_PRIORITIES.indexOf(a) ? b : a;
}

/** « règle « Nids de poule » (mot-clé « nid de poule ») », for the ticket's routing explanation. */
export function describeMatchedRules(matchedRules: readonly MatchedRule[]): string {
  return matchedRules
    .map((m) => `règle « ${m.ruleName} » (${m.conditions.map((c) => c.detail).join(', ')})`)
    .join(' ; ');
}

interface CompiledRule {
  readonly conditions: RuleConditions;
  readonly phrases: ReadonlyArray<{ keyword: string; words: PhraseWord[] }>;
  /** An Error when the pattern does not compile (a rule that skipped validation). */
  readonly regex: RegExp | Error | null;
  readonly contactTags: ReadonlySet<string>;
}

// Rules are immutable values read once per request: compile each object once.
const compiledRules = new WeakMap<RuleDefinition, CompiledRule>();

function compiled(rule: RuleDefinition): CompiledRule {
  let result = compiledRules.get(rule);
  if (result) return result;
  const { conditions } = rule;
  let regex: RegExp | Error | null = null;
  if (conditions.regex) {
    try {
      regex = compileRegex(conditions.regex);
    } catch (error) {
      regex = error instanceof Error ? error : new Error(String(error));
    }
  }
  result = {
    conditions,
    phrases: (conditions.keywords ?? []).map((keyword) => ({ keyword, words: compilePhrase(keyword) })),
    regex,
    contactTags: new Set((conditions.contactTags ?? []).map(normalizeFrench)),
  };
  compiledRules.set(rule, result);
  return result;
}

const PLATFORM_LABELS: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  mastodon: 'Mastodon',
  x: 'X',
  open311: 'Open311',
};
const KIND_LABELS: Record<MessageKind, string> = {
  comment: 'commentaire',
  direct: 'message privé',
  mention: 'mention',
  request: 'demande en ligne',
};
const LANGUAGE_LABELS: Record<Language, string> = { fr: 'français', en: 'anglais', other: 'autre langue' };

/** What the conditions look at, each worked out at most once per message however many rules ask. */
interface SampleFacts {
  readonly sample: RoutingSample;
  words(): string[];
  language(): Language;
  staffed(): boolean;
}

function factsOf(sample: RoutingSample, context: RoutingContext): SampleFacts {
  return {
    sample,
    words: once(() => matchingWords(sample.text)),
    language: once(() => detectLanguage(sample.text)),
    staffed: once(() => isStaffed(context.calendar, sample.receivedAt)),
  };
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * The rule's conditions in a fixed order, cheapest first; with `all` false it stops at the first
 * condition that fails (the result then holds a failure, and the rule does not match).
 */
function evaluateConditions(rule: CompiledRule, facts: SampleFacts, all: boolean): ConditionResult[] {
  const c = rule.conditions;
  const { sample } = facts;
  const results: ConditionResult[] = [];
  let failed = false;
  const add = (field: ConditionField, matched: boolean, detail: string): void => {
    results.push({ field, matched, detail });
    failed ||= !matched;
  };
  const more = (): boolean => all || !failed;
  if (c.platforms?.length) {
    const platform = sample.platform ?? null;
    const matched = platform !== null && c.platforms.includes(platform);
    add(
      'conditions.platforms',
      matched,
      platform === null ? 'plateforme inconnue' : `plateforme ${PLATFORM_LABELS[platform]}`,
    );
  }
  if (c.kinds?.length && more()) {
    const kind = sample.kind ?? null;
    const matched = kind !== null && c.kinds.includes(kind);
    add('conditions.kinds', matched, kind === null ? 'type de message inconnu' : KIND_LABELS[kind]);
  }
  if (c.channelAccountIds?.length && more()) {
    const account = sample.channelAccountId ?? null;
    const matched = account !== null && c.channelAccountIds.includes(account);
    add(
      'conditions.channelAccountIds',
      matched,
      matched ? 'compte connecté choisi' : 'autre compte connecté',
    );
  }
  if (rule.contactTags.size > 0 && more()) {
    const tag = (sample.contactTags ?? []).find((t) => rule.contactTags.has(normalizeFrench(t)));
    add(
      'conditions.contactTags',
      tag !== undefined,
      tag ? `contact « ${tag} »` : 'aucune étiquette du contact',
    );
  }
  if (c.staffedHours && more()) {
    const staffed = facts.staffed();
    add(
      'conditions.staffedHours',
      staffed === (c.staffedHours === 'inside'),
      staffed ? "pendant les heures d'ouverture" : "hors des heures d'ouverture",
    );
  }
  if (c.languages?.length && more()) {
    const language = facts.language();
    add('conditions.languages', c.languages.includes(language), `langue : ${LANGUAGE_LABELS[language]}`);
  }
  if (rule.phrases.length > 0 && more()) {
    const words = facts.words();
    const found = rule.phrases.find((p) => containsPhrase(words, p.words));
    add('conditions.keywords', found !== undefined, found ? `mot-clé « ${found.keyword} »` : 'aucun mot-clé');
  }
  if (c.regex && more()) {
    const regex = rule.regex;
    const found = regex instanceof RegExp ? findRegex(regex, sample.text) : null;
    const detail =
      regex instanceof Error
        ? 'expression régulière invalide'
        : found === null
          ? 'expression régulière sans correspondance'
          : `expression régulière (« ${found.length > 40 ? `${found.slice(0, 40)}…` : found} »)`;
    add('conditions.regex', found !== null, detail);
  }
  return results;
}
