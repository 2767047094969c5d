import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldDetail } from '../../../lib/api-details';
import { accountFieldLabel } from '../channel-account-form';

/** Every reason the server gave, in one place, each named after its field when it has one. */
export function AccountErrorsAlert({ title, details }: { title: string; details: FieldDetail[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="red.9" variant="outline" role="alert" title={title}>
      <List size="sm">
        {details.map((detail, index) => (
          <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
            {detail.path
              ? t('channelAccounts.detail', {
                  field: accountFieldLabel(detail.path, t),
                  message: detail.message,
                })
              : detail.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
