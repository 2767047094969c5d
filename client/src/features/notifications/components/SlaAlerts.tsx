import type { SlaEvent } from '@guichet/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDeadline } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useSocket } from '../../../lib/realtime/realtime-context';
import { useShowLiveAlert } from '../live-alert';

type AlertType = 'warning' | 'breached';

/**
 * Says "Échéance proche / dépassée" when the server pushes `sla.warning` / `sla.breached`: a notice in
 * the page and, if the person already allowed them, a system one. The cache side is in the realtime table.
 */
export function SlaAlerts() {
  const socket = useSocket();
  const show = useShowLiveAlert();
  const { t } = useTranslation();
  const locale = useLocale();

  useEffect(() => {
    if (!socket) return;
    const alert = (type: AlertType) => (event: SlaEvent) =>
      show({
        id: `sla-${type}-${event.ticketId}-${event.kind}`,
        path: `/tickets/${encodeURIComponent(event.ticketId)}`,
        title: t(type === 'warning' ? 'slaAlert.warningTitle' : 'slaAlert.breachedTitle', {
          reference: event.reference,
          subject: event.subject,
        }),
        body: t(type === 'warning' ? 'slaAlert.warningMessage' : 'slaAlert.breachedMessage', {
          kind: t(`sla.kind.${event.kind}`),
          deadline: formatDeadline(event.deadlineAt, Date.now(), locale),
        }),
        linkLabel: t('slaAlert.openTicket', { reference: event.reference }),
        color: type === 'warning' ? 'orange.9' : 'red.9',
        // A breach stays until dismissed; a warning leaves after a while (hovering keeps it).
        autoClose: type === 'warning' ? 30_000 : false,
      });
    const onWarning = alert('warning');
    const onBreached = alert('breached');
    socket.on('sla.warning', onWarning);
    socket.on('sla.breached', onBreached);
    return () => {
      socket.off('sla.warning', onWarning);
      socket.off('sla.breached', onBreached);
    };
  }, [socket, show, t, locale]);

  return null;
}
