import { ActionIcon, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { SlaPolicyView } from '@guichet/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBusinessDuration } from '../../../lib/format-durations';
import { ArrowIcon } from './ArrowIcon';

interface PoliciesTableProps {
  policies: SlaPolicyView[];
  canEdit: boolean;
  onMove: (policy: SlaPolicyView, direction: -1 | 1) => void;
  onEdit: (policy: SlaPolicyView) => void;
  onDelete: (policy: SlaPolicyView) => void;
}

type Direction = 'up' | 'down';

export function PoliciesTable({ policies, canEdit, onMove, onEdit, onDelete }: PoliciesTableProps) {
  const { t } = useTranslation();
  const tableRef = useRef<HTMLTableElement>(null);
  // After a move the row changes place: keep the keyboard on the same row's button (or its twin at an end).
  const [moved, setMoved] = useState<{ id: string; direction: Direction } | null>(null);

  useEffect(() => {
    if (!moved) return;
    const row = tableRef.current?.querySelector(`[data-policy="${CSS.escape(moved.id)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-move="${moved.direction}"]:not(:disabled)`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move]:not(:disabled)`);
    (wanted ?? other)?.focus();
  }, [moved, policies]);

  const move = (policy: SlaPolicyView, direction: Direction) => {
    setMoved({ id: policy.id, direction });
    onMove(policy, direction === 'up' ? -1 : 1);
  };

  const duration = (minutes: number) => formatBusinessDuration(minutes, t);

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table ref={tableRef} striped withTableBorder verticalSpacing="xs" captionSide="top">
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
            <Table.Tr key={policy.id} data-policy={policy.id}>
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
                    <ActionIcon
                      variant="default"
                      data-move="up"
                      disabled={index === 0}
                      onClick={() => move(policy, 'up')}
                      aria-label={t('slaPolicies.moveUp', { name: policy.name })}
                    >
                      <ArrowIcon direction="up" />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      data-move="down"
                      disabled={index === policies.length - 1}
                      onClick={() => move(policy, 'down')}
                      aria-label={t('slaPolicies.moveDown', { name: policy.name })}
                    >
                      <ArrowIcon direction="down" />
                    </ActionIcon>
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
