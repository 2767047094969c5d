import { Stack, Text, Title } from '@mantine/core';
import type { BusinessCalendarDto } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router-dom';
import { isApiRequestError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useServices } from '../../../lib/use-services';
import { useCalendar, useSaveCalendar } from '../api/calendar';
import { CalendarForm } from './CalendarForm';
import classes from './SettingsLayout.module.css';

/** /settings/services/:id/calendar */
export function CalendarPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const services = useServices();
  const calendar = useCalendar(id);
  const service = services.data?.find((item) => item.id === id);
  const editable = (services.data ?? []).filter((item) => item.canEditCalendar);
  const title = service ? `${t('calendar.title')} – ${service.name}` : t('calendar.title');
  useDocumentTitle(title);

  const options = editable.map((item) => ({ value: item.id, label: item.name }));
  if (service && !service.canEditCalendar) options.unshift({ value: service.id, label: service.name });

  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      {/* Links, not a select that navigates on change (WCAG 3.2.2). */}
      {options.length > 1 && (
        <nav aria-label={t('calendar.services')}>
          <ul className={classes.tabs}>
            {options.map((option) => (
              <li key={option.value}>
                <NavLink
                  to={`/settings/services/${encodeURIComponent(option.value)}/calendar`}
                  className={classes.tab}
                >
                  {option.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {(calendar.isPending || services.isPending) && <PageLoader />}
      {calendar.isError && (
        <ErrorAlert
          error={calendar.error}
          title={
            isApiRequestError(calendar.error, 404) || isApiRequestError(calendar.error, 403)
              ? t('calendar.unknownService')
              : undefined
          }
          onRetry={() => void calendar.refetch()}
        />
      )}
      {calendar.data && services.data && (
        <>
          <Text>{t('calendar.explanation')}</Text>
          <ServiceCalendarForm
            key={id}
            serviceId={id}
            calendar={calendar.data}
            readOnly={!service?.canEditCalendar}
          />
        </>
      )}
    </Stack>
  );
}

// Keyed by service: a failed save of one service does not show on the next one.
function ServiceCalendarForm({
  serviceId,
  calendar,
  readOnly,
}: {
  serviceId: string;
  calendar: BusinessCalendarDto;
  readOnly: boolean;
}) {
  const save = useSaveCalendar(serviceId);
  return <CalendarForm calendar={calendar} readOnly={readOnly} save={save} />;
}
