import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { RoutingRuleView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../lib/use-services';
import { useChannelAccounts } from '../api/channel-accounts';
import { useReorderFocus, type MoveDirection } from '../hooks/use-reorder-focus';
import { describeActions, describeConditions } from '../rule-summary';
import { MoveButtons } from './MoveButtons';

interface RulesTableProps {
  rules: RoutingRuleView[];
  onMove: (rule: RoutingRuleView, direction: -1 | 1) => void;
  onEdit: (rule: RoutingRuleView) => void;
  onDelete: (rule: RoutingRuleView) => void;
}

/** The rules in the order they are tried; moved with buttons (keyboard), not by dragging. */
export function RulesTable({ rules, onMove, onEdit, onDelete }: RulesTableProps) {
  const { t } = useTranslation();
  const services = useServices();
  const accounts = useChannelAccounts();
  const { containerRef, markMoved } = useReorderFocus<HTMLTableElement>(rules);
  const move = (rule: RoutingRuleView, direction: MoveDirection) => {
    markMoved(rule.id, direction);
    onMove(rule, direction === 'up' ? -1 : 1);
  };
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name;
  const accountName = (id: string) => accounts.data?.find((a) => a.id === id)?.name;

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table ref={containerRef} striped withTableBorder verticalSpacing="xs" captionSide="top">
        <Table.Caption>
          <Text size="sm" ta="start">
            {t('routingRules.tableCaption')}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('routingRules.position')}</Table.Th>
            <Table.Th scope="col">{t('routingRules.name')}</Table.Th>
            <Table.Th scope="col">{t('routingRules.conditionsColumn')}</Table.Th>
            <Table.Th scope="col">{t('routingRules.actionsColumn')}</Table.Th>
            <Table.Th scope="col">{t('routingRules.manage')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule, index) => (
            <Table.Tr key={rule.id} data-row-id={rule.id}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Th scope="row" fw={600} style={{ overflowWrap: 'anywhere' }}>
                <Stack gap={4} align="flex-start">
                  <span>{rule.name}</span>
                  <Group gap={4}>
                    {!rule.enabled && (
                      <Badge color="gray.8" variant="outline">
                        {t('routingRules.disabledBadge')}
                      </Badge>
                    )}
                    {rule.continue && (
                      <Badge color="blue.9" variant="outline">
                        {t('routingRules.continueBadge')}
                      </Badge>
                    )}
                  </Group>
                </Stack>
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {describeConditions(rule.conditions, accountName, t).join(' · ')}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {describeActions(rule.actions, serviceName, t).join(' · ')}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <MoveButtons
                    first={index === 0}
                    last={index === rules.length - 1}
                    upLabel={t('routingRules.moveUp', { name: rule.name })}
                    downLabel={t('routingRules.moveDown', { name: rule.name })}
                    onMove={(direction) => move(rule, direction)}
                  />
                  <Button variant="subtle" size="xs" onClick={() => onEdit(rule)}>
                    {t('routingRules.edit')}
                    <VisuallyHidden> {t('routingRules.quoted', { name: rule.name })}</VisuallyHidden>
                  </Button>
                  <Button variant="subtle" size="xs" onClick={() => onDelete(rule)}>
                    {t('routingRules.delete')}
                    <VisuallyHidden> {t('routingRules.quoted', { name: rule.name })}</VisuallyHidden>
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
