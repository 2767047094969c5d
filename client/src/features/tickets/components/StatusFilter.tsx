import { NativeSelect } from '@mantine/core';
import { TICKET_STATUSES, type TicketStatus } from '@guichet/shared';
import { useTranslation } from 'react-i18next';

interface StatusFilterProps {
  value: TicketStatus | undefined;
  onChange: (status: TicketStatus | undefined) => void;
}

const ALL = 'all';

export function StatusFilter({ value, onChange }: StatusFilterProps) {
  const { t } = useTranslation();
  const options = [
    { value: ALL, label: t('inbox.allStatuses') },
    ...TICKET_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
  ];
  return (
    <NativeSelect
      label={t('inbox.statusFilter')}
      data={options}
      value={value ?? ALL}
      onChange={(event) => {
        const next = event.currentTarget.value;
        onChange(next === ALL ? undefined : (next as TicketStatus));
      }}
      w={240}
    />
  );
}
