import { Avatar, Group, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useOtherViewers } from '../hooks/use-presence';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/** « Aussi sur ce ticket : Marie (en train d'écrire) », announced politely as it changes. */
export function PresenceBar({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const viewers = useOtherViewers(ticketId);
  return (
    <div aria-live="polite" aria-atomic="true">
      {viewers.length > 0 && (
        <Group gap="xs" data-testid="presence">
          <Text size="sm" fw={500}>
            {t('presence.label')}
          </Text>
          {viewers.map((viewer, index) => (
            <Fragment key={viewer.userId}>
              <Group gap={4}>
                <Avatar size="sm" radius="xl" color="blue" aria-hidden>
                  {initials(viewer.displayName)}
                </Avatar>
                <Text size="sm">
                  {viewer.displayName}
                  {viewer.typing && ` ${t('presence.typing')}`}
                  {index < viewers.length - 1 && ','}
                </Text>
              </Group>
            </Fragment>
          ))}
        </Group>
      )}
    </div>
  );
}
