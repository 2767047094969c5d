import type { MessageKind, Platform, TicketPriority } from './enums.js';
import type { IsoDate } from './views.js';

/** Languages a routing rule can ask for (detected from the message's text). */
export const ROUTING_LANGUAGES = ['fr', 'en', 'other'] as const;
export type RoutingLanguage = (typeof ROUTING_LANGUAGES)[number];

export const STAFFED_HOURS_CONDITIONS = ['inside', 'outside'] as const;
export type StaffedHoursCondition = (typeof STAFFED_HOURS_CONDITIONS)[number];

/** Every condition given must hold; within a list any value may. */
export interface RoutingRuleConditions {
  platforms?: Platform[];
  kinds?: MessageKind[];
  channelAccountIds?: string[];
  /** Words or phrases; case, accents and elisions ignored; `word*` matches words starting with it. */
  keywords?: string[];
  regex?: { pattern: string; ignoreCase: boolean };
  languages?: RoutingLanguage[];
  contactTags?: string[];
  /** Judged on the triage service's calendar (the town hall's opening hours). */
  staffedHours?: StaffedHoursCondition;
}

export interface RoutingRuleActions {
  serviceId?: string;
  priority?: TicketPriority;
  tags?: string[];
  /** Replies on the ticket need a service head's approval. */
  sensitive?: boolean;
}

/** Body of `POST /api/routing/rules` and `PUT /api/routing/rules/:id`. */
export interface RoutingRuleRequest {
  name: string;
  enabled?: boolean;
  /** Default false: a matching rule stops the evaluation; true: later rules are tried too. */
  continue?: boolean;
  conditions: RoutingRuleConditions;
  actions: RoutingRuleActions;
}

export interface RoutingRuleView {
  id: string;
  /** Rules are tried in this order (1 first). */
  position: number;
  name: string;
  enabled: boolean;
  continue: boolean;
  conditions: RoutingRuleConditions;
  actions: RoutingRuleActions;
  updatedAt: IsoDate;
}

/** Body of `PUT /api/routing/rules/order`: every rule id, once, in the new order. */
export interface RoutingRuleOrderRequest {
  ruleIds: string[];
}

/** A message typed in the admin UI to try a rule on. */
export interface RoutingSampleRequest {
  text: string;
  platform?: Platform | null;
  kind?: MessageKind | null;
  channelAccountId?: string | null;
  contactTags?: string[];
  /** Default: now. */
  receivedAt?: IsoDate | null;
}

/** Body of `POST /api/routing/rules/test`. */
export interface RoutingRuleTestRequest {
  rule: RoutingRuleRequest;
  sample: RoutingSampleRequest;
}

export interface RoutingConditionResult {
  /** e.g. "conditions.keywords". */
  field: string;
  matched: boolean;
  /** In French, e.g. « mot-clé « nid de poule » ». */
  detail: string;
}

export interface RoutingRuleTestResult {
  matched: boolean;
  conditions: RoutingConditionResult[];
  /** What the whole routing (saved rules, then the classifier) would decide for the sample today. */
  decision: TicketRoutingView;
}

export interface ServiceProbabilityView {
  serviceId: string;
  /** null when the service no longer exists. */
  serviceName: string | null;
  probability: number;
}

/**
 * Why a ticket is in its service, as decided when it arrived: `rule` (a rule chose the service),
 * `classifier` (its best service reached the threshold), `triage` (neither: stays in the triage
 * service with the suggestions shown), `fixed` (the citizen chose the service, e.g. Open311).
 */
export const ROUTING_SOURCES = ['rule', 'classifier', 'triage', 'fixed'] as const;
export type RoutingSource = (typeof ROUTING_SOURCES)[number];

export interface TicketRoutingView {
  source: RoutingSource;
  serviceId: string;
  serviceName: string | null;
  matchedRules: Array<{ ruleId: string; ruleName: string; conditions: RoutingConditionResult[] }>;
  /** The classifier's best three services; null when a rule decided or no model existed. */
  suggestions: ServiceProbabilityView[] | null;
  /** The confidence the best service needed; null for a fixed route. */
  threshold: number | null;
  explanation: string;
  decidedAt: IsoDate | null;
}

/** An agent moved the ticket to another service (audited, with their reason). */
export interface TicketRerouteView {
  at: IsoDate;
  by: { id: string; displayName: string } | null;
  fromServiceName: string | null;
  toServiceName: string | null;
  reason: string;
}

export interface RoutingSettings {
  /** Probability the classifier's best service needs to route a message without an agent (0.5–0.99). */
  confidenceThreshold: number;
}

export interface ClassifierServiceMetrics {
  serviceId: string;
  serviceName: string | null;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Cross-validated on the training examples when the model was trained. */
export interface ClassifierMetrics {
  examples: number;
  folds: number;
  accuracy: number;
  macroF1: number;
  /** At the threshold in force when trained. */
  threshold: number;
  routedShare: number;
  routedAccuracy: number | null;
  perService: ClassifierServiceMetrics[];
}

/** `GET /api/routing/classifier`. */
export interface ClassifierStatus {
  trained: boolean;
  trainedAt: IsoDate | null;
  /** What started the last full training. */
  trigger: 'startup' | 'schedule' | 'admin' | 'seed' | null;
  /** Messages the last full training used. */
  trainingExamples: number;
  /** Labels learnt one at a time since (agents' re-routes). */
  learnedSince: number;
  services: number;
  terms: number;
  metrics: ClassifierMetrics | null;
  /** When the scheduled retraining is next due; null when the schedule is off. */
  nextTrainingAt: IsoDate | null;
}
