import { Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { Weekday } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isCloseTime,
  isOpenTime,
  normalizeTime,
  TIME_INPUT_PATTERN,
  type FieldErrors,
  type IntervalDraft,
} from '../calendar-form';
import classes from './CalendarForm.module.css';
import { RowError, RowInput } from './RowInput';

interface WeekdayHoursProps {
  day: Weekday;
  intervals: IntervalDraft[];
  errors: FieldErrors;
  onChange: (index: number, interval: IntervalDraft) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}

/** One weekday: its staffed intervals, each a pair of "HH:MM" inputs. */
export function WeekdayHours({ day, intervals, errors, onChange, onAdd, onRemove }: WeekdayHoursProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const dayName = t(`calendar.weekday.${day}`);
  const dayErrors = errors[`hours.${day}`];

  return (
    <fieldset className={classes.day}>
      <legend className={classes.dayLegend}>{dayName}</legend>
      <Stack gap="xs">
        {intervals.length === 0 && <Text size="sm">{t('calendar.closedDay')}</Text>}
        {intervals.map((interval, index) => {
          const path = `hours.${day}[${index}]`;
          const messages = errors[path];
          const errorId = `${idPrefix}-${index}-error`;
          const context = t('calendar.intervalPrefix', { day: dayName, index: index + 1 });
          // Mark the input that is wrong; when both look right (an overlap), both are part of the problem.
          const openBad = !isOpenTime(interval.open);
          const closeBad = !isCloseTime(interval.close);
          const both = !openBad && !closeBad;
          return (
            <div key={interval.key}>
              <Group gap="xs" align="flex-end" wrap="wrap">
                <RowInput
                  label={t('calendar.open')}
                  context={context}
                  value={interval.open}
                  onChange={(event) => onChange(index, { ...interval, open: event.currentTarget.value })}
                  onBlur={(event) =>
                    onChange(index, { ...interval, open: normalizeTime(event.currentTarget.value) })
                  }
                  invalid={!!messages && (openBad || both)}
                  errorId={errorId}
                  inputMode="numeric"
                  pattern={TIME_INPUT_PATTERN}
                  maxLength={5}
                  autoComplete="off"
                  width="6.5rem"
                />
                <span className={classes.dash} aria-hidden>
                  –
                </span>
                <RowInput
                  label={t('calendar.close')}
                  context={context}
                  value={interval.close}
                  onChange={(event) => onChange(index, { ...interval, close: event.currentTarget.value })}
                  onBlur={(event) =>
                    onChange(index, { ...interval, close: normalizeTime(event.currentTarget.value) })
                  }
                  invalid={!!messages && (closeBad || both)}
                  errorId={errorId}
                  inputMode="numeric"
                  pattern={TIME_INPUT_PATTERN}
                  maxLength={5}
                  autoComplete="off"
                  width="6.5rem"
                />
                <Button variant="subtle" size="sm" onClick={() => onRemove(index)}>
                  {t('calendar.removeInterval')}
                  <VisuallyHidden>
                    {' '}
                    {t('calendar.removeIntervalOf', { index: index + 1, day: dayName })}
                  </VisuallyHidden>
                </Button>
              </Group>
              <RowError id={errorId} messages={messages} />
            </div>
          );
        })}
        {dayErrors && (
          <Text size="sm" c="var(--mantine-color-error)">
            {dayErrors.join(' ')}
          </Text>
        )}
        <div>
          <Button variant="default" size="xs" onClick={onAdd}>
            {t('calendar.addInterval')}
            <VisuallyHidden> {t('calendar.addIntervalTo', { day: dayName })}</VisuallyHidden>
          </Button>
        </div>
      </Stack>
    </fieldset>
  );
}
