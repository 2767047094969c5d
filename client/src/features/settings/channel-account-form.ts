import type { Platform } from '@guichet/shared';
import type { TFunction } from 'i18next';
import { isApiRequestError } from '../../lib/api-client';
import { parseDetail, type FieldDetail } from '../../lib/api-details';
import { errorMessage } from '../../lib/ui/error-message';

export type CredentialKey = 'pageAccessToken' | 'accessToken' | 'bearerToken' | 'userAccessToken';

/** The secrets each platform's connector needs (the server checks the same list). */
export const CREDENTIAL_FIELDS: Record<Platform, CredentialKey[]> = {
  facebook: ['pageAccessToken'],
  instagram: ['pageAccessToken'],
  mastodon: ['accessToken'],
  x: ['bearerToken', 'userAccessToken'],
  open311: [],
};

/** Mastodon has no single address: each instance is its own server. */
export function needsBaseUrl(platform: Platform): boolean {
  return platform === 'mastodon';
}

export interface AccountDraft {
  platform: Platform;
  externalId: string;
  name: string;
  baseUrl: string;
  credentials: Partial<Record<CredentialKey, string>>;
}

/** A field as the server names it in `details`: externalId, baseUrl, credentials.pageAccessToken… */
export type AccountField = 'platform' | 'externalId' | 'name' | 'baseUrl' | `credentials.${CredentialKey}`;
export type AccountErrors = Partial<Record<AccountField, string[]>>;

const SIMPLE_FIELDS = ['platform', 'externalId', 'name', 'baseUrl'] as const;
const CREDENTIAL_KEYS: CredentialKey[] = ['pageAccessToken', 'accessToken', 'bearerToken', 'userAccessToken'];
const ACCOUNT_FIELDS: AccountField[] = [
  ...SIMPLE_FIELDS,
  ...CREDENTIAL_KEYS.map((key) => `credentials.${key}` as const),
];

export function isAccountField(path: string): path is AccountField {
  return (ACCOUNT_FIELDS as string[]).includes(path);
}

export function emptyAccountDraft(): AccountDraft {
  return { platform: 'facebook', externalId: '', name: '', baseUrl: '', credentials: {} };
}

const EXTERNAL_ID = /^[A-Za-z0-9_.:@-]{1,128}$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

export function validateCredentials(
  platform: Platform,
  credentials: AccountDraft['credentials'],
  t: TFunction,
): AccountErrors {
  const errors: AccountErrors = {};
  for (const key of CREDENTIAL_FIELDS[platform]) {
    if (!credentials[key]?.trim()) errors[`credentials.${key}`] = [t('channelAccounts.required')];
  }
  return errors;
}

export function validateAccountDraft(draft: AccountDraft, t: TFunction): AccountErrors {
  const errors: AccountErrors = validateCredentials(draft.platform, draft.credentials, t);
  const externalId = draft.externalId.trim();
  if (!externalId) errors.externalId = [t('channelAccounts.required')];
  else if (!EXTERNAL_ID.test(externalId)) errors.externalId = [t('channelAccounts.externalIdInvalid')];
  if (!draft.name.trim()) errors.name = [t('channelAccounts.required')];
  const baseUrl = draft.baseUrl.trim();
  if (needsBaseUrl(draft.platform) && !baseUrl) errors.baseUrl = [t('channelAccounts.required')];
  else if (baseUrl && !HTTP_URL.test(baseUrl)) errors.baseUrl = [t('channelAccounts.baseUrlInvalid')];
  return errors;
}

/** Only the credentials the platform uses, trimmed: a token pasted with a newline still works. */
export function credentialsFor(
  platform: Platform,
  credentials: AccountDraft['credentials'],
): Record<string, string> {
  return Object.fromEntries(CREDENTIAL_FIELDS[platform].map((key) => [key, credentials[key]?.trim() ?? '']));
}

/**
 * The server's reasons, each tied to its field when it names one: "credentials.x: …" from the service,
 * or "baseUrl must be a URL address" straight from validation.
 */
export function accountErrorDetails(error: unknown, t: TFunction): FieldDetail[] {
  // Already connected: the platform id is the field to change.
  if (isApiRequestError(error, 409)) return [{ path: 'externalId', message: error.body.message }];
  const details = isApiRequestError(error, 400) ? (error.body.details ?? []) : [];
  if (details.length === 0) return [{ path: '', message: errorMessage(error, t) }];
  return details.map((detail) => {
    const parsed = parseDetail(detail);
    if (isAccountField(parsed.path)) return parsed;
    const field = ACCOUNT_FIELDS.find((name) => detail.startsWith(`${name} `));
    return field ? { path: field, message: detail } : { path: '', message: detail };
  });
}

export function toFieldErrors(details: FieldDetail[]): AccountErrors {
  const errors: AccountErrors = {};
  for (const detail of details) {
    if (isAccountField(detail.path)) (errors[detail.path] ??= []).push(detail.message);
  }
  return errors;
}

export function accountFieldLabel(path: string, t: TFunction): string {
  switch (path) {
    case 'platform':
      return t('channelAccounts.platformField');
    case 'externalId':
      return t('channelAccounts.externalIdField');
    case 'name':
      return t('channelAccounts.nameField');
    case 'baseUrl':
      return t('channelAccounts.baseUrlField');
    default: {
      const key = path.replace(/^credentials\./, '');
      return (CREDENTIAL_KEYS as string[]).includes(key)
        ? t(`channelAccounts.credential.${key as CredentialKey}`)
        : path;
    }
  }
}
