/**
 * Routing: which service a new message goes to, and why. Pure TypeScript: `now` (the message's
 * arrival) and every piece of data are passed in.
 *
 * - rules.ts: ordered rules (conditions AND-ed, lists OR-ed; first match wins unless `continue`),
 *   testRule for the admin UI's test button.
 * - validate-rule.ts: checks an API body, every error with its field path (for a 400).
 * - route-message.ts: rules, then the classifier above a confidence threshold, else triage; the
 *   decision carries its explanation.
 * - keyword-router.ts: the first, keyword-per-service router (kept as the benchmark baseline).
 */
export { detectLanguage, LANGUAGES } from './language.js';
export type { Language } from './language.js';
export { routeByKeywords } from './keyword-router.js';
export type { KeywordMatch, KeywordTarget } from './keyword-router.js';
export { normalizeFrench } from './normalize-french.js';
export { compilePhrase, containsPhrase, matchingWords, MIN_PREFIX_LENGTH } from './phrase-matcher.js';
export {
  DEFAULT_CONFIDENCE_THRESHOLD,
  formatProbability,
  routeMessage,
  SUGGESTIONS,
} from './route-message.js';
export type { RouteMessageInput, RoutingDecision } from './route-message.js';
export { describeMatchedRules, evaluateRules, testRule } from './rules.js';
export type {
  ConditionField,
  ConditionResult,
  MatchedRule,
  RoutingContext,
  RoutingRule,
  RoutingSample,
  RuleActions,
  RuleConditions,
  RuleDefinition,
  RulesOutcome,
  RuleTestResult,
} from './rules.js';
export { MAX_REGEX_INPUT, MAX_REGEX_LENGTH, regexProblem } from './safe-regex.js';
export type { RegexCondition } from './safe-regex.js';
export { validateRoutingRule, validateRuleOrder } from './validate-rule.js';
export type { RuleFieldError, RuleValidation, RuleValidationContext } from './validate-rule.js';
