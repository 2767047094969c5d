import { Stack, Text, Title } from '@mantine/core';
import type { MessageView } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyTicket } from './DeliveryState';
import { MessageItem } from './MessageItem';

export function MessageThread({ messages, ticket }: { messages: MessageView[]; ticket: ReplyTicket }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('thread.title')}
      </Title>
      {messages.length === 0 ? (
        <Text>{t('thread.empty')}</Text>
      ) : (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={headingId}>
          {messages.map((message) => (
            <MessageItem key={message.id} message={message} ticket={ticket} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
