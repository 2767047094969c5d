import { Container, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRealtimeStatus } from '../../lib/realtime/realtime-context';
import classes from './layout.module.css';

/** Says when the inbox stops being live; the region stays mounted so screen readers announce the change. */
export function RealtimeNotice() {
  const { t } = useTranslation();
  const reconnecting = useRealtimeStatus() === 'reconnecting';
  return (
    <div role="status" className={classes.notice}>
      {reconnecting && (
        <Container size="xl" py={6}>
          <Text size="sm">{t('realtime.disconnected')}</Text>
        </Container>
      )}
    </div>
  );
}
