import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { errorMessage } from './error-message';

/** A short confirmation, read out by screen readers (role status). */
export function notifySuccess(t: TFunction, message: string): void {
  notifications.show({
    color: 'teal.9',
    role: 'status',
    message,
    closeButtonProps: { 'aria-label': t('common.close') },
  });
}

/** A failure with the server's reason, left up long enough to be read. */
export function notifyFailure(t: TFunction, title: string, error: unknown): void {
  notifications.show({
    color: 'red',
    title,
    message: errorMessage(error, t),
    autoClose: 15_000,
    closeButtonProps: { 'aria-label': t('common.close') },
  });
}
