import { Badge, type MantineColor } from '@mantine/core';
import type { TicketPriority, TicketStatus } from '@guichet/shared';
import { useTranslation } from 'react-i18next';

// Dark shades only: white badge text keeps at least 4.5:1 contrast (WCAG 1.4.3).
const STATUS_COLORS: Record<TicketStatus, MantineColor> = {
  new: 'blue.9',
  open: 'teal.9',
  pending: 'grape.8',
  resolved: 'cyan.9',
  closed: 'gray.7',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Only priorities that change what an agent does next get a badge. */
export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  if (priority !== 'high' && priority !== 'urgent') return null;
  return (
    <Badge color="red.9" variant={priority === 'urgent' ? 'filled' : 'outline'} radius="sm">
      {t(`priority.${priority}`)}
    </Badge>
  );
}
