import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/use-locale';
import type { ContactReceipt } from '../api/submit-request';

interface ContactReceiptViewProps {
  receipt: ContactReceipt;
  canBeContacted: boolean;
  onAnother: () => void;
}

/** The request number and what happens next; focus lands on its heading so it is read first. */
export function ContactReceiptView({ receipt, canBeContacted, onAnother }: ContactReceiptViewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const expected =
    receipt.expectedAt &&
    new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(
      new Date(receipt.expectedAt),
    );

  return (
    <Stack gap="md">
      <Alert color="teal.9" variant="outline" p="lg">
        <Stack gap="sm">
          <Title order={2} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
            {t('contact.sentTitle')}
          </Title>
          <Text size="lg">
            {t('contact.requestNumber')} <strong data-testid="request-number">{receipt.id}</strong>
          </Text>
          {receipt.notice && <Text>{receipt.notice}</Text>}
        </Stack>
      </Alert>
      <Title order={3}>{t('contact.nextTitle')}</Title>
      <Text>{expected ? t('contact.expected', { date: expected }) : t('contact.expectedUnknown')}</Text>
      <Text>{canBeContacted ? t('contact.willContact') : t('contact.cannotContact')}</Text>
      <Text>{t('contact.keepNumber')}</Text>
      <div>
        <Button variant="default" onClick={onAnother}>
          {t('contact.another')}
        </Button>
      </div>
    </Stack>
  );
}
