import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  /** What confirming does, in words. */
  children: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  pending: boolean;
  /** The failure of the last attempt, or null. */
  error: unknown;
  errorTitle: string;
  onConfirm: () => void;
  onClose: () => void;
  onExitTransitionEnd?: () => void;
}

/** Asks before something that cannot be undone from here (a deletion, erasing own hours). */
export function ConfirmModal({
  opened,
  title,
  children,
  cancelLabel,
  confirmLabel,
  pending,
  error,
  errorTitle,
  onConfirm,
  onClose,
  onExitTransitionEnd,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onExitTransitionEnd}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        {children}
        {error !== null && <ErrorAlert error={error} title={errorTitle} />}
        <Group justify="flex-end">
          {/* Cancel first and focused: the safe choice is the default one. */}
          <Button variant="default" onClick={onClose} data-autofocus>
            {cancelLabel}
          </Button>
          <Button color="red.9" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
