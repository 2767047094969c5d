import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketSort } from '../../../lib/query-keys';

interface SortSelectProps {
  value: TicketSort;
  onChange: (sort: TicketSort) => void;
}

export function SortSelect({ value, onChange }: SortSelectProps) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('inbox.sortLabel')}
      data={[
        { value: 'activity', label: t('inbox.sort.activity') },
        { value: 'due', label: t('inbox.sort.due') },
      ]}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value === 'due' ? 'due' : 'activity')}
      w={220}
    />
  );
}
