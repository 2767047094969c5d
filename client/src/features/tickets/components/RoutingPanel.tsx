import { Badge, Button, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import type { TicketDetail, TicketRoutingView } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';

const percent = (x: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);

interface RoutingPanelProps {
  ticket: TicketDetail;
  /** Pre-fills the re-route form with a suggested service. */
  onSuggest: (serviceId: string) => void;
}

/** « Pourquoi ce service ? »: the rule that matched, or the classifier's three best services. */
export function RoutingPanel({ ticket, onSuggest }: RoutingPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingId = useId();
  const routing = ticket.routing;
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Group gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t('ticketRouting.title')}
        </Title>
        {routing && (
          <Badge variant="outline" color={routing.source === 'triage' ? 'violet.9' : 'blue.9'}>
            {t(`ticketRouting.source.${routing.source}`)}
          </Badge>
        )}
      </Group>
      {routing ? (
        <Decision routing={routing} currentServiceId={ticket.service.id} onSuggest={onSuggest} />
      ) : (
        <Text size="sm">{ticket.routingExplanation ?? t('ticketRouting.unknown')}</Text>
      )}
      {ticket.reroutes.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('ticketRouting.reroutes')}
          </Text>
          <List size="sm" spacing={4}>
            {ticket.reroutes.map((r, index) => (
              <List.Item key={index}>
                {t('ticketRouting.reroute', {
                  from: r.fromServiceName ?? t('ticketRouting.deletedService'),
                  to: r.toServiceName ?? t('ticketRouting.deletedService'),
                  by: r.by?.displayName ?? t('ticketRouting.someone'),
                  at: formatDateTime(r.at, locale),
                })}{' '}
                <Text span size="sm" fs="italic" style={{ overflowWrap: 'anywhere' }}>
                  « {r.reason} »
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

function Decision({
  routing,
  currentServiceId,
  onSuggest,
}: {
  routing: TicketRoutingView;
  currentServiceId: string;
  onSuggest: (serviceId: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="sm">
      {routing.matchedRules.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('ticketRouting.rules')}
          </Text>
          <List size="sm" spacing={4}>
            {routing.matchedRules.map((rule) => (
              <List.Item key={rule.ruleId}>
                {t('ticketRouting.rule', {
                  name: rule.ruleName,
                  conditions: rule.conditions.map((c) => c.detail).join(', '),
                })}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {routing.suggestions && routing.suggestions.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('ticketRouting.classifier', { threshold: percent(routing.threshold ?? 0, locale) })}
          </Text>
          <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }} maw={520}>
            {routing.suggestions.map((s) => {
              const name = s.serviceName ?? t('ticketRouting.deletedService');
              const reached = routing.threshold !== null && s.probability >= routing.threshold;
              return (
                <li key={s.serviceId}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm">
                      {name}{' '}
                      <Text span size="sm" fw={700}>
                        {percent(s.probability, locale)}
                      </Text>
                    </Text>
                    {s.serviceName && s.serviceId !== currentServiceId && (
                      <Button variant="subtle" size="compact-xs" onClick={() => onSuggest(s.serviceId)}>
                        {t('ticketRouting.choose', { name })}
                      </Button>
                    )}
                  </Group>
                  {/* The figure is in the text above: the bar only draws it. */}
                  <Progress
                    value={s.probability * 100}
                    color={reached ? 'blue.9' : 'gray.6'}
                    size="sm"
                    aria-hidden
                  />
                </li>
              );
            })}
          </Stack>
        </div>
      )}
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {routing.explanation}
      </Text>
    </Stack>
  );
}
