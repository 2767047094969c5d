import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { SlaPolicyView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { useDeleteSlaPolicy } from '../api/sla-policies';

interface DeletePolicyModalProps {
  policy: SlaPolicyView | null;
  onClose: () => void;
  onDeleted: (policy: SlaPolicyView) => void;
  onExited: () => void;
}

export function DeletePolicyModal({ policy, onClose, onDeleted, onExited }: DeletePolicyModalProps) {
  const { t } = useTranslation();
  const remove = useDeleteSlaPolicy();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal
      opened={policy !== null}
      onClose={close}
      onExitTransitionEnd={onExited}
      title={t('slaPolicies.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {policy && (
        <Stack gap="md">
          <Text>{t('slaPolicies.deleteConfirm', { name: policy.name })}</Text>
          {remove.isError && <ErrorAlert error={remove.error} title={t('slaPolicies.failedTitle')} />}
          <Group justify="flex-end">
            {/* Cancel first and focused: the safe choice is the default one. */}
            <Button variant="default" onClick={close} data-autofocus>
              {t('slaPolicies.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(policy.id, {
                  onSuccess: () => {
                    remove.reset();
                    onDeleted(policy);
                  },
                })
              }
            >
              {t('slaPolicies.confirmDelete')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
