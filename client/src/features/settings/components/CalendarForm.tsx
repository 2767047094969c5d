import {
  Alert,
  Button,
  Group,
  List,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FRENCH_HOLIDAY_SETS, WEEKDAYS, type BusinessCalendarDto, type Weekday } from '@guichet/shared';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails, type FieldDetail } from '../../../lib/api-details';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import {
  detailsToErrors,
  emptyInterval,
  fromDraft,
  messageLabel,
  newKey,
  pathLabel,
  toDraft,
  validateDraft,
  type CalendarDraft,
  type ClosureDraft,
  type FieldErrors,
  type FrenchHolidayChoice,
  type IntervalDraft,
} from '../calendar-form';
import classes from './CalendarForm.module.css';
import { RowError, RowInput } from './RowInput';
import { WeekdayHours } from './WeekdayHours';

const HOLIDAY_CHOICES: FrenchHolidayChoice[] = [...FRENCH_HOLIDAY_SETS, 'none'];

function timeZones(current: string): string[] {
  // Older browsers cannot list zones: the current one stays selectable, the server checks any other.
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Stores a calendar and answers it as stored: a service's, or a person's own hours. */
export type SaveCalendarMutation = UseMutationResult<BusinessCalendarDto, Error, BusinessCalendarDto>;

interface CalendarFormProps {
  calendar: BusinessCalendarDto;
  readOnly: boolean;
  save: SaveCalendarMutation;
  /** Buttons beside « Enregistrer » (e.g. cancelling new hours). */
  actions?: ReactNode;
}

/** Staffed hours: a service's, or a person's own. The form keeps what was typed when the server refuses it. */
export function CalendarForm({ calendar, readOnly, save, actions }: CalendarFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useId();
  const [draft, setDraft] = useState<CalendarDraft>(() => toDraft(calendar));
  const [errors, setErrors] = useState<FieldErrors>({});
  // The alert at the top: the server's details (all of them), or "fix the fields" for what the browser caught.
  const [summary, setSummary] = useState<{ details: FieldDetail[]; client: boolean } | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const clear = (predicate: (path: string) => boolean) =>
    setErrors((current) => {
      const kept = Object.entries(current).filter(([path]) => !predicate(path));
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });

  // Editing a row clears its message; adding or removing rows shifts indexes, so the section's messages go.
  const setInterval = (day: Weekday, index: number, interval: IntervalDraft) => {
    setDraft((current) => ({
      ...current,
      hours: {
        ...current.hours,
        [day]: current.hours[day].map((item, i) => (i === index ? interval : item)),
      },
    }));
    clear((path) => path === `hours.${day}[${index}]` || path === `hours.${day}`);
  };
  const setDay = (day: Weekday, intervals: IntervalDraft[]) => {
    setDraft((current) => ({ ...current, hours: { ...current.hours, [day]: intervals } }));
    clear((path) => path.startsWith(`hours.${day}`));
  };
  const copyMonday = () => {
    setDraft((current) => {
      const hours = { ...current.hours };
      for (const day of ['tue', 'wed', 'thu', 'fri'] as const) {
        hours[day] = current.hours.mon.map((interval) => ({ ...interval, key: newKey() }));
      }
      return { ...current, hours };
    });
    clear((path) => /^hours\.(tue|wed|thu|fri)/.test(path));
  };
  const setHoliday = (index: number, date: string) => {
    setDraft((current) => ({
      ...current,
      holidays: current.holidays.map((item, i) => (i === index ? { ...item, date } : item)),
    }));
    clear((path) => path === `holidays[${index}]`);
  };
  const setHolidays = (holidays: CalendarDraft['holidays']) => {
    setDraft((current) => ({ ...current, holidays }));
    clear((path) => path.startsWith('holidays'));
  };
  const setClosure = (index: number, closure: ClosureDraft) => {
    setDraft((current) => ({
      ...current,
      closures: current.closures.map((item, i) => (i === index ? closure : item)),
    }));
    clear((path) => path === `closures[${index}]`);
  };
  const setClosures = (closures: ClosureDraft[]) => {
    setDraft((current) => ({ ...current, closures }));
    clear((path) => path.startsWith('closures'));
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (readOnly || save.isPending) return;
    const clientErrors = validateDraft(draft, t);
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      setSummary({
        details: Object.entries(clientErrors).flatMap(([path, messages]) =>
          messages.map((message) => ({ path, message })),
        ),
        client: true,
      });
      setFocusInvalid((n) => n + 1);
      return;
    }
    setSummary(null);
    save.mutate(fromDraft(draft), {
      onSuccess: (saved) => {
        setDraft(toDraft(saved));
        setErrors({});
        notifications.show({
          color: 'teal.9',
          role: 'status',
          message: t('calendar.saved'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
      },
      onError: (failure) => {
        const found = validationDetails(failure);
        if (found.length === 0) return;
        const details = found.filter(
          (detail, index) =>
            found.findIndex((other) => other.path === detail.path && other.message === detail.message) ===
            index,
        );
        setErrors(
          detailsToErrors(details.map((detail) => ({ ...detail, message: messageLabel(detail.message, t) }))),
        );
        setSummary({ details, client: false });
        setFocusInvalid((n) => n + 1);
      },
    });
  };

  const fieldError = (path: string) => errors[path]?.join(' ');
  const otherFailure = save.isError && validationDetails(save.error).length === 0 ? save.error : null;

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="lg">
        {readOnly && (
          <Alert variant="light" color="gray">
            {t('calendar.readOnly')}
          </Alert>
        )}
        {summary && (
          <Alert
            color="red.9"
            variant="outline"
            role="alert"
            title={summary.client ? t('calendar.clientInvalid') : t('calendar.invalidTitle')}
          >
            {!summary.client && <Text size="sm">{t('calendar.invalidIntro')}</Text>}
            <List size="sm" mt={4}>
              {summary.details.map((detail, index) => (
                <List.Item key={index}>
                  {detail.path
                    ? t('calendar.detail', {
                        field: pathLabel(detail.path, t),
                        message: messageLabel(detail.message, t),
                      })
                    : messageLabel(detail.message, t)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {otherFailure && <ErrorAlert error={otherFailure} title={t('calendar.invalidTitle')} />}

        {/* A disabled fieldset disables every control in it: the read-only view of a head's neighbour service. */}
        <fieldset disabled={readOnly} className={classes.readOnly}>
          <Stack gap="xl">
            <Select
              label={t('calendar.timeZone')}
              data={zones}
              value={draft.timeZone}
              onChange={(value) => {
                if (!value) return;
                setDraft((current) => ({ ...current, timeZone: value }));
                clear((path) => path === 'timeZone');
              }}
              searchable
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              nothingFoundMessage={t('calendar.timeZoneNothing')}
              error={fieldError('timeZone')}
              maw={360}
            />

            <fieldset className={classes.section}>
              <legend className={classes.sectionLegend}>{t('calendar.hoursTitle')}</legend>
              <Text size="sm" mb="xs">
                {t('calendar.hoursHint')}
              </Text>
              {fieldError('hours') && (
                <Text size="sm" c="var(--mantine-color-error)">
                  {fieldError('hours')}
                </Text>
              )}
              {WEEKDAYS.map((day) => (
                <WeekdayHours
                  key={day}
                  day={day}
                  intervals={draft.hours[day]}
                  errors={errors}
                  onChange={(index, interval) => setInterval(day, index, interval)}
                  onAdd={() => setDay(day, [...draft.hours[day], emptyInterval()])}
                  onRemove={(index) =>
                    setDay(
                      day,
                      draft.hours[day].filter((_, i) => i !== index),
                    )
                  }
                />
              ))}
              <Button variant="default" size="xs" mt="xs" onClick={copyMonday}>
                {t('calendar.copyMonday')}
              </Button>
            </fieldset>

            <Radio.Group
              label={t('calendar.frenchHolidays')}
              value={draft.frenchHolidays}
              onChange={(value) => {
                setDraft((current) => ({ ...current, frenchHolidays: value }));
                clear((path) => path === 'frenchHolidays');
              }}
              error={fieldError('frenchHolidays')}
            >
              <Stack gap="xs" mt="xs">
                {HOLIDAY_CHOICES.map((choice) => (
                  <Radio key={choice} value={choice} label={t(`calendar.frenchHolidaysOption.${choice}`)} />
                ))}
              </Stack>
            </Radio.Group>

            <fieldset className={classes.section}>
              <legend className={classes.sectionLegend}>{t('calendar.holidaysTitle')}</legend>
              <Text size="sm" mb="xs">
                {t('calendar.holidaysHint')}
              </Text>
              <Stack gap="xs">
                {draft.holidays.length === 0 && <Text size="sm">{t('calendar.none')}</Text>}
                {draft.holidays.map((holiday, index) => (
                  <Group key={holiday.key} gap="xs" align="flex-start">
                    <TextInput
                      type="date"
                      label={t('calendar.holiday', { index: index + 1 })}
                      value={holiday.date}
                      onChange={(event) => setHoliday(index, event.currentTarget.value)}
                      error={fieldError(`holidays[${index}]`)}
                      w={200}
                    />
                    <Button
                      variant="subtle"
                      size="sm"
                      mt={25}
                      onClick={() => setHolidays(draft.holidays.filter((_, i) => i !== index))}
                    >
                      {t('calendar.removeInterval')}
                      <VisuallyHidden> {t('calendar.removeHoliday', { index: index + 1 })}</VisuallyHidden>
                    </Button>
                  </Group>
                ))}
                {fieldError('holidays') && (
                  <Text size="sm" c="var(--mantine-color-error)">
                    {fieldError('holidays')}
                  </Text>
                )}
                <div>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setHolidays([...draft.holidays, { key: newKey(), date: '' }])}
                  >
                    {t('calendar.addHoliday')}
                  </Button>
                </div>
              </Stack>
            </fieldset>

            <fieldset className={classes.section}>
              <legend className={classes.sectionLegend}>{t('calendar.closuresTitle')}</legend>
              <Text size="sm" mb="xs">
                {t('calendar.closuresHint', { zone: browserTimeZone() })}
              </Text>
              <Stack gap="xs">
                {draft.closures.length === 0 && <Text size="sm">{t('calendar.none')}</Text>}
                {draft.closures.map((closure, index) => {
                  const path = `closures[${index}]`;
                  const errorId = `${idPrefix}-closure-${index}-error`;
                  const context = t('calendar.closurePrefix', { index: index + 1 });
                  return (
                    <div key={closure.key}>
                      <Group gap="xs" align="flex-end" wrap="wrap">
                        <RowInput
                          type="datetime-local"
                          label={t('calendar.closureFrom')}
                          context={context}
                          value={closure.from}
                          onChange={(event) =>
                            setClosure(index, { ...closure, from: event.currentTarget.value })
                          }
                          invalid={!!errors[path]}
                          errorId={errorId}
                          width="14rem"
                        />
                        <RowInput
                          type="datetime-local"
                          label={t('calendar.closureTo')}
                          context={context}
                          value={closure.to}
                          onChange={(event) =>
                            setClosure(index, { ...closure, to: event.currentTarget.value })
                          }
                          invalid={!!errors[path]}
                          errorId={errorId}
                          width="14rem"
                        />
                        <Button
                          variant="subtle"
                          size="sm"
                          onClick={() => setClosures(draft.closures.filter((_, i) => i !== index))}
                        >
                          {t('calendar.removeInterval')}
                          <VisuallyHidden>
                            {' '}
                            {t('calendar.removeClosure', { index: index + 1 })}
                          </VisuallyHidden>
                        </Button>
                      </Group>
                      <RowError id={errorId} messages={errors[path]} />
                    </div>
                  );
                })}
                {fieldError('closures') && (
                  <Text size="sm" c="var(--mantine-color-error)">
                    {fieldError('closures')}
                  </Text>
                )}
                <div>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setClosures([...draft.closures, { key: newKey(), from: '', to: '' }])}
                  >
                    {t('calendar.addClosure')}
                  </Button>
                </div>
              </Stack>
            </fieldset>

            {!readOnly && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('calendar.save')}
                </Button>
                {actions}
              </Group>
            )}
          </Stack>
        </fieldset>
      </Stack>
    </form>
  );
}
