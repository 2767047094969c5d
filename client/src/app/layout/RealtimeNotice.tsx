import { Container, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeStatus, useResyncedAt } from '../../lib/realtime/realtime-context';
import classes from './layout.module.css';

const RESTORED_NOTICE_MS = 6_000;

/**
 * Says when the inbox stops being live, and when it is live again with what was missed fetched.
 * The region stays mounted so screen readers announce each change.
 */
export function RealtimeNotice() {
  const { t } = useTranslation();
  const status = useRealtimeStatus();
  const resyncedAt = useResyncedAt();
  const [restoredShown, setRestoredShown] = useState(false);

  useEffect(() => {
    if (resyncedAt === null) return;
    setRestoredShown(true);
    const timer = window.setTimeout(() => setRestoredShown(false), RESTORED_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [resyncedAt]);

  const offline = status === 'reconnecting';
  const message = offline ? t('realtime.disconnected') : restoredShown ? t('realtime.restored') : null;
  return (
    <div role="status" aria-live="polite" className={offline ? classes.notice : classes.restored}>
      {message && (
        <Container size="xl" py={6}>
          <Text size="sm">{message}</Text>
        </Container>
      )}
    </div>
  );
}
