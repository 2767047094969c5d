import { SegmentedControl, Stack, Text } from '@mantine/core';
import type { TicketView } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface InboxViewsProps {
  value: TicketView;
  onChange: (view: TicketView) => void;
  isAdmin: boolean;
}

/** The inbox's views, as a radio group (arrow keys move between them). "All" is for admins only. */
export function InboxViews({ value, onChange, isAdmin }: InboxViewsProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const views: TicketView[] = [
    'mine',
    'services',
    'unassigned',
    'due',
    'approval',
    ...(isAdmin ? ['all' as const] : []),
  ];
  return (
    <Stack gap={4}>
      <Text id={labelId} size="sm" fw={500}>
        {t('inbox.viewLabel')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={(next) => onChange(next)}
        data={views.map((view) => ({ value: view, label: t(`inbox.view.${view}`) }))}
      />
    </Stack>
  );
}
