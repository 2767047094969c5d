import type {
  RoutingRuleActions,
  RoutingRuleConditions,
  RoutingRuleView,
  TicketRoutingView,
} from '@guichet/shared';
import type { RoutingRuleRecord } from './routing-rule.entity';
import type { StoredRoutingDecision } from './stored-decision';

/** A stored decision with service names as they are now (a renamed service shows its new name). */
export function toRoutingView(
  d: StoredRoutingDecision,
  serviceName: (id: string) => string | undefined,
): TicketRoutingView {
  return {
    source: d.source,
    serviceId: d.serviceId,
    serviceName: serviceName(d.serviceId) ?? null,
    matchedRules: d.matchedRules.map((m) => ({
      ruleId: m.ruleId,
      ruleName: m.ruleName,
      conditions: m.conditions.map((c) => ({ ...c })),
    })),
    suggestions:
      d.suggestions?.map((s) => ({
        serviceId: s.serviceId,
        serviceName: serviceName(s.serviceId) ?? null,
        probability: s.probability,
      })) ?? null,
    threshold: d.threshold,
    explanation: d.explanation,
    decidedAt: d.decidedAt,
  };
}

export function toRuleView(r: RoutingRuleRecord): RoutingRuleView {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    enabled: r.enabled,
    continue: r.continues,
    // The same shapes; the domain's are read-only.
    conditions: r.conditions as RoutingRuleConditions,
    actions: r.actions as RoutingRuleActions,
    updatedAt: r.updatedAt.toISOString(),
  };
}
