import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { PendingApprovalView } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { approvalReasonsText } from '../../../lib/approval-reasons';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { ApprovalDecision } from './ApprovalDecision';
import classes from './PendingApprovalItem.module.css';

/** One held reply: the citizen's message, the proposed text, why it is held, and the head's three choices. */
export function PendingApprovalItem({
  item,
  onDecided,
}: {
  item: PendingApprovalView;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingId = useId();
  const reference = item.ticket.reference;

  return (
    <li>
      <Paper component="article" withBorder p="md" aria-labelledby={headingId}>
        <Stack gap="sm">
          <Title order={2} size="h4" id={headingId}>
            <Anchor component={Link} to={`/tickets/${item.ticket.id}`}>
              {t('approvals.ticket', { reference, subject: item.ticket.subject })}
            </Anchor>
          </Title>
          <Text size="sm">
            {t('approvals.meta', {
              service: item.ticket.service.name,
              author: item.author?.displayName ?? t('approvals.unknownAuthor'),
              date: formatDateTime(item.submittedAt, locale),
            })}
          </Text>
          <Text size="sm" fw={700}>
            {t('approval.reasons', { reasons: approvalReasonsText(t, item.reasons) })}
          </Text>
          {item.inbound && (
            <div>
              <Text size="sm" fw={600}>
                {t('approvals.citizen')}
              </Text>
              <Text className={classes.quote}>{item.inbound.body}</Text>
            </div>
          )}
          <ApprovalDecision
            reply={{ messageId: item.messageId, ticketId: item.ticket.id, reference, body: item.body }}
            label={t('approvals.decisionOn', { reference })}
            proposed={
              <div>
                <Text size="sm" fw={600}>
                  {t('approvals.proposed')}
                </Text>
                <Text className={classes.proposed}>{item.body}</Text>
              </div>
            }
            onDecided={onDecided}
          />
        </Stack>
      </Paper>
    </li>
  );
}
