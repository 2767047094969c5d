import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { SlaPolicyView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { formatBusinessDuration } from '../../../lib/format-durations';
import { useReorderFocus, type MoveDirection } from '../hooks/use-reorder-focus';
import { MoveButtons } from './MoveButtons';

interface PoliciesTableProps {
  policies: SlaPolicyView[];
  canEdit: boolean;
  onMove: (policy: SlaPolicyView, direction: -1 | 1) => void;
  onEdit: (policy: SlaPolicyView) => void;
  onDelete: (policy: SlaPolicyView) => void;
}

export function PoliciesTable({ policies, canEdit, onMove, onEdit, onDelete }: PoliciesTableProps) {
  const { t } = useTranslation();
  const { containerRef, markMoved } = useReorderFocus<HTMLTableElement>(policies);
  const move = (policy: SlaPolicyView, direction: MoveDirection) => {
    markMoved(policy.id, direction);
    onMove(policy, direction === 'up' ? -1 : 1);
  };

  const duration = (minutes: number) => formatBusinessDuration(minutes, t);

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table ref={containerRef} striped withTableBorder verticalSpacing="xs" captionSide="top">
        <Table.Caption>
          <Text size="sm" ta="start">
            {t('slaPolicies.tableCaption')}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('slaPolicies.position')}</Table.Th>
            <Table.Th scope="col">{t('slaPolicies.name')}</Table.Th>
            <Table.Th scope="col">{t('slaPolicies.priority')}</Table.Th>
            <Table.Th scope="col">{t('slaPolicies.channel')}</Table.Th>
            <Table.Th scope="col">{t('slaPolicies.firstResponse')}</Table.Th>
            <Table.Th scope="col">{t('slaPolicies.nextResponse')}</Table.Th>
            <Table.Th scope="col">{t('slaPolicies.resolution')}</Table.Th>
            {canEdit && <Table.Th scope="col">{t('slaPolicies.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {policies.map((policy, index) => (
            <Table.Tr key={policy.id} data-row-id={policy.id}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Th scope="row" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {policy.name}
              </Table.Th>
              <Table.Td>
                {policy.priority ? t(`priorityOption.${policy.priority}`) : t('slaPolicies.anyPriority')}
              </Table.Td>
              <Table.Td>
                {policy.platform ? t(`platform.${policy.platform}`) : t('slaPolicies.anyChannel')}
              </Table.Td>
              <Table.Td>{duration(policy.firstResponseMinutes)}</Table.Td>
              <Table.Td>{duration(policy.nextResponseMinutes)}</Table.Td>
              <Table.Td>{duration(policy.resolutionMinutes)}</Table.Td>
              {canEdit && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <MoveButtons
                      first={index === 0}
                      last={index === policies.length - 1}
                      upLabel={t('slaPolicies.moveUp', { name: policy.name })}
                      downLabel={t('slaPolicies.moveDown', { name: policy.name })}
                      onMove={(direction) => move(policy, direction)}
                    />
                    <Button variant="subtle" size="xs" onClick={() => onEdit(policy)}>
                      {t('slaPolicies.edit')}
                      <VisuallyHidden> {t('slaPolicies.quoted', { name: policy.name })}</VisuallyHidden>
                    </Button>
                    <Button variant="subtle" size="xs" onClick={() => onDelete(policy)}>
                      {t('slaPolicies.delete')}
                      <VisuallyHidden> {t('slaPolicies.quoted', { name: policy.name })}</VisuallyHidden>
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
