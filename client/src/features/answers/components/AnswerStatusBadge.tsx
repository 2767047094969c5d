import { Badge, type MantineColor } from '@mantine/core';
import type { AnswerStatus } from '@guichet/shared';
import { useTranslation } from 'react-i18next';

// Dark shades only: white badge text keeps at least 4.5:1 contrast (WCAG 1.4.3).
const STATUS_COLORS: Record<AnswerStatus, MantineColor> = {
  draft: 'grape.8',
  validated: 'teal.9',
  archived: 'gray.7',
};

export function AnswerStatusBadge({ status }: { status: AnswerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" radius="sm">
      {t(`answers.status.${status}`)}
    </Badge>
  );
}

/** "v4 à valider": a proposed version waits for the head. */
export function PendingVersionBadge({ version }: { version: number | null }) {
  const { t } = useTranslation();
  if (version === null) return null;
  return (
    <Badge color="violet.9" variant="outline" radius="sm">
      {t('answers.pendingVersion', { version })}
    </Badge>
  );
}
