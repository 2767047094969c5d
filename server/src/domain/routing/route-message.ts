import type { TicketPriority } from '@guichet/shared';
import { classify, type ServiceProbability, type TextClassifier } from '../classifier/index.js';
import {
  describeMatchedRules,
  evaluateRules,
  type MatchedRule,
  type RoutingContext,
  type RoutingRule,
  type RoutingSample,
} from './rules.js';

/** Probability the classifier's best service needs before a message is routed without an agent. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.75;
/** Services shown as the classifier's suggestion. */
export const SUGGESTIONS = 3;

export interface RouteMessageInput {
  /** Routing rules in the administrator's order. */
  readonly rules: readonly RoutingRule[];
  readonly sample: RoutingSample;
  readonly context: RoutingContext;
  /** The town's trained model; null before any training (then unmatched messages stay in triage). */
  readonly classifier: TextClassifier | null;
  /** Default DEFAULT_CONFIDENCE_THRESHOLD. */
  readonly threshold?: number;
  /** The triage service (Accueil), where a message stays when neither a rule nor the classifier decides. */
  readonly triageServiceId: string;
  /** Services that exist now: the classifier never suggests one outside them (a deleted service). */
  readonly serviceIds: Iterable<string>;
  /** Service names for the French explanation; the id is shown when absent. */
  readonly serviceName?: (serviceId: string) => string | undefined;
}

/**
 * Where a message goes and why, to be stored on the ticket as is. `source`: `rule` when a rule
 * chose the service, `classifier` when the classifier's best service reached the threshold,
 * `triage` otherwise (the message stays in the triage service, with the suggestions shown).
 */
export interface RoutingDecision {
  readonly serviceId: string;
  readonly source: 'rule' | 'classifier' | 'triage';
  readonly priority: TicketPriority | null;
  readonly tags: string[];
  readonly sensitive: boolean;
  readonly matchedRules: MatchedRule[];
  /** The classifier's best services with their probabilities; null when a rule chose the service or no model exists. */
  readonly suggestions: ServiceProbability[] | null;
  readonly threshold: number;
  /** For agents, in French: « règle « Nids de poule » (mot-clé « nid de poule ») → Voirie ». */
  readonly explanation: string;
}

/**
 * Rules first (in order, see evaluateRules); when none sets a service, the classifier: its best
 * service if its calibrated probability reaches the threshold, else the triage service. Actions of
 * matching rules (priority, tags, sensitive) apply whichever way the service was chosen.
 */
export function routeMessage(input: RouteMessageInput): RoutingDecision {
  const threshold = input.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const nameOf = (id: string): string => input.serviceName?.(id) ?? id;
  const rules = evaluateRules(input.rules, input.sample, input.context);
  const base = {
    priority: rules.priority,
    tags: rules.tags,
    sensitive: rules.sensitive,
    matchedRules: rules.matchedRules,
    threshold,
  };
  const ruleText = rules.matchedRules.length > 0 ? `${describeMatchedRules(rules.matchedRules)} ; ` : '';
  if (rules.serviceId !== null) {
    return {
      ...base,
      serviceId: rules.serviceId,
      source: 'rule',
      suggestions: null,
      explanation: `${describeMatchedRules(rules.matchedRules)} → ${nameOf(rules.serviceId)}`,
    };
  }
  const triage = nameOf(input.triageServiceId);
  if (input.classifier === null) {
    return {
      ...base,
      serviceId: input.triageServiceId,
      source: 'triage',
      suggestions: null,
      explanation: `${ruleText}aucune règle ne choisit de service et le classifieur n'est pas encore entraîné → ${triage} (tri)`,
    };
  }
  const ranked = classify(input.classifier, input.sample.text, {
    top: Infinity,
    serviceIds: input.serviceIds,
  });
  const suggestions = ranked.slice(0, SUGGESTIONS);
  const listed = suggestions
    .map((s) => `${nameOf(s.serviceId)} ${formatProbability(s.probability)}`)
    .join(', ');
  const best = ranked[0];
  // With a single candidate left every message would score 1: that is no evidence.
  if (best !== undefined && ranked.length >= 2 && best.probability >= threshold) {
    return {
      ...base,
      serviceId: best.serviceId,
      source: 'classifier',
      suggestions,
      explanation: `${ruleText}classifieur : ${listed} (seuil ${formatProbability(threshold)}) → ${nameOf(best.serviceId)}`,
    };
  }
  return {
    ...base,
    serviceId: input.triageServiceId,
    source: 'triage',
    suggestions,
    explanation: `${ruleText}classifieur incertain : ${listed || 'aucun service'} (seuil ${formatProbability(threshold)}) → reste en ${triage}`,
  };
}

/** « 0,87 »: two decimals with the French decimal comma. */
export function formatProbability(p: number): string {
  return p.toFixed(2).replace('.', ',');
}
