import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PLATFORMS, type Platform } from '@guichet/shared';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateChannelAccount } from '../api/channel-accounts';
import {
  accountErrorDetails,
  credentialsFor,
  emptyAccountDraft,
  needsBaseUrl,
  toFieldErrors,
  validateAccountDraft,
  type AccountDraft,
  type AccountField,
} from '../channel-account-form';
import { AccountErrorsAlert } from './AccountErrorsAlert';
import { CredentialFields } from './CredentialFields';
import { useFormErrors } from '../../../lib/use-form-errors';

export function ConnectAccountModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('channelAccounts.connectTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <ConnectAccountForm onDone={onClose} />}
    </Modal>
  );
}

function ConnectAccountForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateChannelAccount();
  const [draft, setDraft] = useState<AccountDraft>(emptyAccountDraft);
  const { formRef, errors, setErrors, details, setDetails, show, clearError } = useFormErrors<AccountField>();

  const fieldError = (field: AccountField) => errors[field]?.join(' ');

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const clientErrors = validateAccountDraft(draft, t);
    if (Object.keys(clientErrors).length > 0) {
      show(clientErrors);
      return;
    }
    setDetails(null);
    const baseUrl = draft.baseUrl.trim();
    create.mutate(
      {
        platform: draft.platform,
        externalId: draft.externalId.trim(),
        name: draft.name.trim(),
        ...(needsBaseUrl(draft.platform) && baseUrl ? { baseUrl } : {}),
        credentials: credentialsFor(draft.platform, draft.credentials),
      },
      {
        onSuccess: (account) => {
          notifications.show({
            color: 'teal.9',
            role: 'status',
            message: t('channelAccounts.connected', { name: account.name }),
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
        <Text size="sm">{t('channelAccounts.tokensHelp')}</Text>
        {details && <AccountErrorsAlert title={t('channelAccounts.connectInvalidTitle')} details={details} />}
        <NativeSelect
          label={t('channelAccounts.platformField')}
          data={PLATFORMS.map((platform) => ({
            value: platform,
            label: t(`channelAccounts.platformName.${platform}`),
          }))}
          value={draft.platform}
          onChange={(event) => {
            const platform = event.currentTarget.value as Platform;
            // Tokens of one platform mean nothing to another: start the secrets afresh.
            setDraft((current) => ({ ...current, platform, credentials: {} }));
            setErrors({});
          }}
          error={fieldError('platform')}
          data-autofocus
        />
        <TextInput
          label={t('channelAccounts.externalIdField')}
          description={t('channelAccounts.externalIdHint')}
          value={draft.externalId}
          onChange={(event) => {
            const externalId = event.currentTarget.value;
            setDraft((current) => ({ ...current, externalId }));
            clearError('externalId');
          }}
          error={fieldError('externalId')}
          withAsterisk
          aria-required
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          label={t('channelAccounts.nameField')}
          description={t('channelAccounts.nameHint')}
          value={draft.name}
          onChange={(event) => {
            const name = event.currentTarget.value;
            setDraft((current) => ({ ...current, name }));
            clearError('name');
          }}
          error={fieldError('name')}
          withAsterisk
          aria-required
          autoComplete="off"
        />
        {needsBaseUrl(draft.platform) && (
          <TextInput
            type="url"
            label={t('channelAccounts.baseUrlField')}
            description={t('channelAccounts.baseUrlHint')}
            placeholder="https://mastodon.social"
            value={draft.baseUrl}
            onChange={(event) => {
              const baseUrl = event.currentTarget.value;
              setDraft((current) => ({ ...current, baseUrl }));
              clearError('baseUrl');
            }}
            error={fieldError('baseUrl')}
            withAsterisk
            aria-required
            autoComplete="url"
            spellCheck={false}
          />
        )}
        <CredentialFields
          platform={draft.platform}
          values={draft.credentials}
          errors={errors}
          onChange={(key, value) => {
            setDraft((current) => ({ ...current, credentials: { ...current.credentials, [key]: value } }));
            clearError(`credentials.${key}`);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('channelAccounts.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('channelAccounts.submitConnect')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
