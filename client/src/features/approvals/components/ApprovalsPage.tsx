import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { errorMessage } from '../../../lib/ui/error-message';
import { useApprovalQueue } from '../api/approvals';
import { PendingApprovalItem } from './PendingApprovalItem';

/** « Validations »: the replies of my services waiting for a head's decision, oldest first. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('approvals.title'));
  const queue = useApprovalQueue();
  const listLabelId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The decided reply leaves the list with the button that had focus: keep the keyboard on the page.
  const focusPage = () => headingRef.current?.focus();
  return (
    <Stack gap="md">
      <Title order={1} ref={headingRef} tabIndex={-1}>
        {t('approvals.title')}
      </Title>
      <Text>{t('approvals.intro')}</Text>
      {queue.isPending ? (
        <Loader aria-label={t('approvals.listLabel')} />
      ) : queue.isError ? (
        <Alert color="red" role="alert" title={t('approvals.loadFailed')}>
          {errorMessage(queue.error, t)}
        </Alert>
      ) : queue.data.length === 0 ? (
        <Text role="status">{t('approvals.empty')}</Text>
      ) : (
        <>
          <Text id={listLabelId} fw={600}>
            {t('approvals.listLabel')} ({queue.data.length})
          </Text>
          <Stack
            component="ol"
            gap="md"
            aria-labelledby={listLabelId}
            style={{ listStyle: 'none', padding: 0 }}
          >
            {queue.data.map((item) => (
              <PendingApprovalItem key={item.messageId} item={item} onDecided={focusPage} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
