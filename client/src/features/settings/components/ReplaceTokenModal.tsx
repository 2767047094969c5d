import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ChannelAccountView } from '@guichet/shared';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateChannelAccount } from '../api/channel-accounts';
import {
  accountErrorDetails,
  credentialsFor,
  toFieldErrors,
  validateCredentials,
  type AccountDraft,
  type AccountField,
} from '../channel-account-form';
import { AccountErrorsAlert } from './AccountErrorsAlert';
import { CredentialFields } from './CredentialFields';
import { useFormErrors } from '../../../lib/use-form-errors';

interface ReplaceTokenModalProps {
  account: ChannelAccountView | null;
  onClose: () => void;
}

export function ReplaceTokenModal({ account, onClose }: ReplaceTokenModalProps) {
  const { t } = useTranslation();
  // Keeps the title and form during the closing animation.
  const [shown, setShown] = useState(account);
  if (account && account !== shown) setShown(account);
  return (
    <Modal
      opened={account !== null}
      onClose={onClose}
      title={shown ? t('channelAccounts.replaceTitle', { name: shown.name }) : ''}
      size="md"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {shown && <ReplaceTokenForm key={shown.id} account={shown} onDone={onClose} />}
    </Modal>
  );
}

function ReplaceTokenForm({ account, onDone }: { account: ChannelAccountView; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateChannelAccount();
  const [credentials, setCredentials] = useState<AccountDraft['credentials']>({});
  const { formRef, errors, details, setDetails, show, clearError } = useFormErrors<AccountField>();

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const clientErrors = validateCredentials(account.platform, credentials, t);
    if (Object.keys(clientErrors).length > 0) {
      show(clientErrors);
      return;
    }
    setDetails(null);
    update.mutate(
      { id: account.id, request: { credentials: credentialsFor(account.platform, credentials) } },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal.9',
            role: 'status',
            message: t('channelAccounts.tokenReplaced', { name: saved.name }),
            closeButtonProps: { 'aria-label': t('common.close') },
          });
          onDone();
        },
        onError: (failure) => {
          const found = accountErrorDetails(failure, t);
          show(toFieldErrors(found), found);
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {t('channelAccounts.replaceIntro')} {t('channelAccounts.tokensHelp')}
        </Text>
        {details && <AccountErrorsAlert title={t('channelAccounts.tokenInvalidTitle')} details={details} />}
        <CredentialFields
          platform={account.platform}
          values={credentials}
          errors={errors}
          onChange={(key, value) => {
            setCredentials((current) => ({ ...current, [key]: value }));
            clearError(`credentials.${key}`);
          }}
          autoFocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('channelAccounts.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('channelAccounts.submitToken')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
