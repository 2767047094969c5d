import { Text } from '@mantine/core';
import type { MessageView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { contactName } from './contact-name';
import { DeliveryState, type ReplyTicket } from './DeliveryState';
import classes from './MessageItem.module.css';

function useAuthorName(message: MessageView): string {
  const { t } = useTranslation();
  const author = message.author;
  if (author?.kind === 'user') return author.displayName;
  if (author?.kind === 'contact') return contactName(author.contact) ?? t('inbox.unknownContact');
  return t('thread.unknownAuthor');
}

export function MessageItem({ message, ticket }: { message: MessageView; ticket: ReplyTicket }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const author = useAuthorName(message);

  return (
    <li className={classes.item} data-direction={message.direction}>
      {/* Deliberately unnamed: a name like "Réponse" would collide with the reply box's label. */}
      <article className={classes.bubble}>
        <div className={classes.meta}>
          <Text span fw={600} size="sm">
            {author}
          </Text>
          <Text span size="sm">
            {t(`thread.${message.direction}`)}
          </Text>
          <Text span size="sm">
            <time dateTime={message.sentAt}>{formatDateTime(message.sentAt, locale)}</time>
          </Text>
        </div>
        <Text className={classes.body}>{message.body}</Text>
        {message.answer && (
          <Text size="xs" c="dimmed" className={classes.answerSource}>
            {t('thread.answerSource', { title: message.answer.title, version: message.answer.version })}
            {message.answer.edited && ` · ${t('thread.answerEdited')}`}
          </Text>
        )}
        {message.direction === 'outbound' && <DeliveryState message={message} ticket={ticket} />}
      </article>
    </li>
  );
}
