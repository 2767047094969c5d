import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { BusinessCalendarDto } from '@guichet/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { notifySuccess } from '../../../lib/ui/notify';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useCalendar } from '../api/calendar';
import { useClearUserCalendar, useSaveUserCalendar, useUserCalendar } from '../api/user-calendar';
import { DEFAULT_TIME_ZONE } from '../calendar-form';
import { CalendarForm } from './CalendarForm';
import { ConfirmModal } from './ConfirmModal';

const EMPTY_CALENDAR: BusinessCalendarDto = {
  timeZone: DEFAULT_TIME_ZONE,
  hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
  frenchHolidays: 'metropole',
  closures: [],
};

interface UserHoursProps {
  userId: string;
  /** « Mes horaires » or « Horaires de Nadia Benali ». */
  title: string;
  /** The person reads their own hours: the texts say « vous ». */
  mine: boolean;
  /** Whose hours new own hours start from; null: an empty week. */
  startServiceId: string | null;
}

/** A person's shift: their services' hours, or their own (round-robin deals tickets inside it). */
export function UserHours({ userId, title, mine, startServiceId }: UserHoursProps) {
  const { t } = useTranslation();
  const calendar = useUserCalendar(userId);
  const [defining, setDefining] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The button that was used is gone (cancelled draft, erased hours): focus goes to what is in force now.
  const statusRef = useRef<HTMLDivElement>(null);
  const cleared = useRef(false);
  const [focusStatus, setFocusStatus] = useState(0);
  useEffect(() => {
    if (focusStatus > 0) statusRef.current?.focus();
  }, [focusStatus]);
  useDocumentTitle(title);

  const own = calendar.data?.calendar ?? null;
  const who = mine ? 'mine' : 'other';

  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <Text>{t('userHours.explanation')}</Text>
      {calendar.isPending && <PageLoader />}
      {calendar.isError && <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.data && (
        <Alert ref={statusRef} tabIndex={-1} variant="light" color="gray" title={t('userHours.statusTitle')}>
          <Text size="sm">{own ? t(`userHours.own.${who}`) : t(`userHours.followsService.${who}`)}</Text>
        </Alert>
      )}
      {calendar.data && (own || defining) && (
        <OwnHoursEditor
          userId={userId}
          own={own}
          startServiceId={startServiceId}
          onCancel={() => {
            setDefining(false);
            setFocusStatus((n) => n + 1);
          }}
        />
      )}
      {calendar.data &&
        (own ? (
          <Group>
            <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
              {t('userHours.backToService')}
            </Button>
          </Group>
        ) : (
          !defining && (
            <Group>
              <Button onClick={() => setDefining(true)}>{t(`userHours.define.${who}`)}</Button>
            </Group>
          )
        ))}
      <ClearHoursModal
        userId={userId}
        opened={confirming}
        mine={mine}
        onClose={() => setConfirming(false)}
        onCleared={() => {
          setDefining(false);
          cleared.current = true;
        }}
        onExited={() => {
          // After the dialog's own focus return, which aims at the removed button.
          if (!cleared.current) return;
          cleared.current = false;
          setFocusStatus((n) => n + 1);
        }}
      />
    </Stack>
  );
}

/**
 * The person's own hours, or new ones started from the service's (when known) so that only the
 * differences need typing. One form throughout: once saved, the new hours stay on screen as the own ones.
 */
function OwnHoursEditor({
  userId,
  own,
  startServiceId,
  onCancel,
}: {
  userId: string;
  own: BusinessCalendarDto | null;
  startServiceId: string | null;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveUserCalendar(userId);
  // The button that opened the draft is gone: focus goes to the words that say where it starts from.
  const focusOnMount = useCallback((node: HTMLElement | null) => node?.focus(), []);
  const fromService = own === null && startServiceId !== null;
  const service = useCalendar(startServiceId ?? '', fromService);
  if (fromService && service.isPending) return <PageLoader />;
  // A service that cannot be read leaves an empty week to fill in.
  const calendar = own ?? service.data ?? EMPTY_CALENDAR;
  return (
    <Stack gap="md">
      {own === null && (
        <Text ref={focusOnMount} tabIndex={-1} fw={600}>
          {t(service.data ? 'userHours.draftFromService' : 'userHours.draftEmpty')}
        </Text>
      )}
      <CalendarForm
        calendar={calendar}
        readOnly={false}
        save={save}
        actions={
          own === null && (
            <Button variant="default" onClick={onCancel}>
              {t('userHours.cancel')}
            </Button>
          )
        }
      />
    </Stack>
  );
}

function ClearHoursModal({
  userId,
  opened,
  mine,
  onClose,
  onCleared,
  onExited,
}: {
  userId: string;
  opened: boolean;
  mine: boolean;
  onClose: () => void;
  onCleared: () => void;
  onExited: () => void;
}) {
  const { t } = useTranslation();
  const clear = useClearUserCalendar(userId);
  const close = () => {
    clear.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={opened}
      onClose={close}
      onExitTransitionEnd={onExited}
      title={t('userHours.confirmTitle')}
      cancelLabel={t('userHours.cancel')}
      confirmLabel={t('userHours.backToService')}
      pending={clear.isPending}
      error={clear.isError ? clear.error : null}
      errorTitle={t('userHours.clearFailed')}
      onConfirm={() =>
        clear.mutate(undefined, {
          onSuccess: () => {
            notifySuccess(t, t('userHours.cleared'));
            onCleared();
            close();
          },
        })
      }
    >
      <Text>{t(mine ? 'userHours.confirm.mine' : 'userHours.confirm.other')}</Text>
    </ConfirmModal>
  );
}
