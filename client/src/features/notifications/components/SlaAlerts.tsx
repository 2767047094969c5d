import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SlaEvent } from '@guichet/shared';
import { useEffect, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDeadline } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useSocket } from '../../../lib/realtime/realtime-context';
import { showBrowserNotification } from '../browser-notifications';

type AlertType = 'warning' | 'breached';

function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/**
 * Says "Échéance proche / dépassée" when the server pushes `sla.warning` / `sla.breached`: a notice in
 * the page and, if the person already allowed them, a system one. The cache side is in the realtime table.
 */
export function SlaAlerts() {
  const socket = useSocket();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const locale = useLocale();

  useEffect(() => {
    if (!socket) return;
    const alert = (type: AlertType) => (event: SlaEvent) => {
      const id = `sla-${type}-${event.ticketId}-${event.kind}`;
      const path = `/tickets/${encodeURIComponent(event.ticketId)}`;
      const title = t(type === 'warning' ? 'slaAlert.warningTitle' : 'slaAlert.breachedTitle', {
        reference: event.reference,
        subject: event.subject,
      });
      const body = t(type === 'warning' ? 'slaAlert.warningMessage' : 'slaAlert.breachedMessage', {
        kind: t(`sla.kind.${event.kind}`),
        deadline: formatDeadline(event.deadlineAt, Date.now(), locale),
      });
      const open = () => {
        notifications.hide(id);
        void navigate(path);
      };
      notifications.hide(id);
      notifications.show({
        id,
        role: 'status',
        color: type === 'warning' ? 'orange.9' : 'red.9',
        title,
        message: (
          <>
            <Text size="sm">{body}</Text>
            {/* The notices render outside the router: the link goes through the captured navigate(). */}
            <Anchor
              href={path}
              size="sm"
              onClick={(click) => {
                if (!isPlainClick(click)) return;
                click.preventDefault();
                open();
              }}
            >
              {t('slaAlert.openTicket', { reference: event.reference })}
            </Anchor>
          </>
        ),
        // A breach stays until dismissed; a warning leaves after a while (hovering keeps it).
        autoClose: type === 'warning' ? 30_000 : false,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      showBrowserNotification({ title, body, tag: id, onClick: open });
    };
    const onWarning = alert('warning');
    const onBreached = alert('breached');
    socket.on('sla.warning', onWarning);
    socket.on('sla.breached', onBreached);
    return () => {
      socket.off('sla.warning', onWarning);
      socket.off('sla.breached', onBreached);
    };
  }, [socket, navigate, t, locale]);

  return null;
}
