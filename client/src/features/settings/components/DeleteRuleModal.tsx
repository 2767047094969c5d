import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { RoutingRuleView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { useDeleteRoutingRule } from '../api/routing';

interface DeleteRuleModalProps {
  rule: RoutingRuleView | null;
  onClose: () => void;
  onDeleted: (rule: RoutingRuleView) => void;
  onExited: () => void;
}

export function DeleteRuleModal({ rule, onClose, onDeleted, onExited }: DeleteRuleModalProps) {
  const { t } = useTranslation();
  const remove = useDeleteRoutingRule();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal
      opened={rule !== null}
      onClose={close}
      onExitTransitionEnd={onExited}
      title={t('routingRules.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {rule && (
        <Stack gap="md">
          <Text>{t('routingRules.deleteConfirm', { name: rule.name })}</Text>
          {remove.isError && <ErrorAlert error={remove.error} title={t('routingRules.failedTitle')} />}
          <Group justify="flex-end">
            {/* Cancel first and focused: the safe choice is the default one. */}
            <Button variant="default" onClick={close} data-autofocus>
              {t('routingRules.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(rule.id, {
                  onSuccess: () => {
                    remove.reset();
                    onDeleted(rule);
                  },
                })
              }
            >
              {t('routingRules.confirmDelete')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
