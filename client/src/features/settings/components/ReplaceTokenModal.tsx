import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ChannelAccountView } from '@guichet/shared';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDetail } from '../../../lib/api-details';
import { useUpdateChannelAccount } from '../api/channel-accounts';
import {
  accountErrorDetails,
  credentialsFor,
  toFieldErrors,
  validateCredentials,
  type AccountDraft,
  type AccountErrors,
} from '../channel-account-form';
import { AccountErrorsAlert } from './AccountErrorsAlert';
import { CredentialFields } from './CredentialFields';

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
  const formRef = useRef<HTMLFormElement>(null);
  const [credentials, setCredentials] = useState<AccountDraft['credentials']>({});
  const [errors, setErrors] = useState<AccountErrors>({});
  const [details, setDetails] = useState<FieldDetail[] | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const clientErrors = validateCredentials(account.platform, credentials, t);
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      setDetails(null);
      setFocusInvalid((n) => n + 1);
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
          setErrors(toFieldErrors(found));
          setDetails(found);
          setFocusInvalid((n) => n + 1);
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
            setErrors((current) => {
              const next = { ...current };
              delete next[`credentials.${key}`];
              return next;
            });
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
