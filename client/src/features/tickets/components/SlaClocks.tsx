import { Badge, Paper, SimpleGrid, Stack, Text, Title, type MantineColor } from '@mantine/core';
import type { SlaClockState, SlaClockView, TicketStatus } from '@guichet/shared';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import {
  ceilMinutes,
  floorMinutes,
  formatBusinessDuration,
  formatCalendarDuration,
} from '../../../lib/format-durations';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useNow } from '../../../lib/use-now';

// Dark shades: white badge text keeps at least 4.5:1; the badge text says the state anyway.
const STATE_COLORS: Record<SlaClockState, MantineColor> = {
  running: 'blue.9',
  paused: 'grape.8',
  overdue: 'red.9',
  met: 'teal.9',
  missed: 'red.9',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

function Instant({ iso }: { iso: string }) {
  const locale = useLocale();
  return <time dateTime={iso}>{formatDateTime(iso, locale)}</time>;
}

interface ClockCardProps {
  clock: SlaClockView;
  ticketStatus: TicketStatus;
  now: number;
}

function ClockCard({ clock, ticketStatus, now }: ClockCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = (minutes: number) =>
    t('slaClocks.businessValue', { duration: formatBusinessDuration(minutes, t) });
  const deadline = clock.deadlineAt ? Date.parse(clock.deadlineAt) : null;
  // A running clock whose deadline passed since the server computed it is late, whatever the snapshot says.
  const state: SlaClockState =
    clock.state === 'running' && deadline !== null && deadline <= now ? 'overdue' : clock.state;
  const stateLabel =
    state === 'paused' && ticketStatus === 'pending' ? t('sla.pausedCitizen') : t(`sla.state.${state}`);
  const remaining =
    deadline === null ? clock.remainingMinutes : Math.min(clock.remainingMinutes, (deadline - now) / 60_000);
  const missedBy =
    clock.state === 'missed' && clock.achievedBusinessMinutes !== null
      ? clock.achievedBusinessMinutes - clock.targetMinutes
      : null;

  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t(`sla.kind.${clock.kind}`)}
        </Title>
        <Stack component="dl" gap={6} m={0}>
          <Field label={t('slaClocks.state')}>
            <Badge color={STATE_COLORS[state]} variant="filled" radius="sm">
              {stateLabel}
            </Badge>
          </Field>
          <Field label={t('slaClocks.target')}>{business(clock.targetMinutes)}</Field>
          <Field label={t('slaClocks.deadline')}>
            {clock.deadlineAt ? (
              <Instant iso={clock.deadlineAt} />
            ) : state === 'paused' ? (
              t('slaClocks.deadlinePaused')
            ) : (
              '—'
            )}
          </Field>
          {(state === 'running' || state === 'paused') && remaining >= 0 && (
            <Field label={t('slaClocks.remaining')}>{business(floorMinutes(remaining))}</Field>
          )}
          {/* Paused after its deadline: the clock stands still, already late. */}
          {state === 'paused' && remaining < 0 && (
            <Field label={t('slaClocks.late')}>{business(ceilMinutes(-remaining))}</Field>
          )}
          {state === 'overdue' && (
            <Field label={t('slaClocks.late')}>
              <Text span size="sm" fw={700} c="red.9">
                {clock.remainingMinutes < 0
                  ? business(ceilMinutes(-clock.remainingMinutes))
                  : clock.deadlineAt &&
                    t('slaClocks.lateSince', { deadline: formatDateTime(clock.deadlineAt, locale) })}
              </Text>
            </Field>
          )}
          {state === 'paused' && clock.pausedSince && (
            <Field label={t('slaClocks.pausedSince')}>
              <Instant iso={clock.pausedSince} />
            </Field>
          )}
          {(state === 'met' || state === 'missed') && clock.achievedAt && (
            <Field label={t('slaClocks.achievedAt')}>
              <Instant iso={clock.achievedAt} />
            </Field>
          )}
          {(state === 'met' || state === 'missed') && clock.achievedBusinessMinutes !== null && (
            <Field label={t('slaClocks.achieved')}>
              {t('slaClocks.achievedValue', {
                business: formatBusinessDuration(clock.achievedBusinessMinutes, t),
                calendar:
                  clock.achievedCalendarMinutes === null
                    ? '—'
                    : formatCalendarDuration(clock.achievedCalendarMinutes, t),
              })}
            </Field>
          )}
          {missedBy !== null && missedBy > 0 && (
            <Field label={t('slaClocks.late')}>{business(ceilMinutes(missedBy))}</Field>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

interface SlaClocksProps {
  clocks: SlaClockView[] | undefined;
  ticketStatus: TicketStatus;
}

/** "Échéances": every clock of the ticket, in staffed time of its service. */
export function SlaClocks({ clocks = [], ticketStatus }: SlaClocksProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const now = useNow();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('slaClocks.title')}
      </Title>
      {clocks.length === 0 ? (
        <Text>{t('slaClocks.empty')}</Text>
      ) : (
        <>
          <Text size="sm">{t('slaClocks.intro')}</Text>
          <SimpleGrid
            component="ul"
            cols={{ base: 1, sm: Math.min(clocks.length, 3) }}
            spacing="sm"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-labelledby={headingId}
          >
            {clocks.map((clock) => (
              <ClockCard key={clock.kind} clock={clock} ticketStatus={ticketStatus} now={now} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
