import type { RoutingSource, TicketPriority } from '@guichet/shared';
import type { ServiceProbability } from '../domain/classifier';
import type { MatchedRule } from '../domain/routing';

/**
 * Where a new ticket goes and why. The router's decisions carry everything; a caller that fixes the
 * service itself (Open311: the citizen chose it) passes only `serviceId` and `explanation`.
 */
export interface RoutingDecision {
  serviceId: string;
  explanation: string;
  /** Absent: a fixed route. */
  source?: Exclude<RoutingSource, 'fixed'>;
  priority?: TicketPriority | null;
  tags?: readonly string[];
  sensitive?: boolean;
  matchedRules?: readonly MatchedRule[];
  suggestions?: readonly ServiceProbability[] | null;
  threshold?: number | null;
}

/** The decision as kept on the ticket (jsonb), to show agents later why it landed where it did. */
export interface StoredRoutingDecision {
  source: RoutingSource;
  serviceId: string;
  matchedRules: MatchedRule[];
  suggestions: ServiceProbability[] | null;
  threshold: number | null;
  explanation: string;
  decidedAt: string;
}

export function toStoredDecision(decision: RoutingDecision, decidedAt: Date): StoredRoutingDecision {
  return {
    source: decision.source ?? 'fixed',
    serviceId: decision.serviceId,
    matchedRules: (decision.matchedRules ?? []).map((m) => ({
      ruleId: m.ruleId,
      ruleName: m.ruleName,
      conditions: m.conditions.map((c) => ({ ...c })),
    })),
    suggestions: decision.suggestions?.map((s) => ({ ...s })) ?? null,
    threshold: decision.threshold ?? null,
    explanation: decision.explanation,
    decidedAt: decidedAt.toISOString(),
  };
}
