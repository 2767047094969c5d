import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { showBrowserNotification } from './browser-notifications';

export interface LiveAlert {
  /** Same id, same notice: a newer one replaces it. */
  id: string;
  title: string;
  body: string;
  /** The ticket the notice opens. */
  path: string;
  linkLabel: string;
  color?: string;
  /** Milliseconds before it leaves (hovering keeps it), or false to stay until dismissed. */
  autoClose: number | false;
  /** Called when the person opens the ticket from the notice (in the page or the system one). */
  onOpen?: () => void;
}

function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/**
 * Shows a pushed event as a notice in the page with a link to its ticket and, if the person already
 * allowed them, as a system notification.
 */
export function useShowLiveAlert(): (alert: LiveAlert) => void {
  const navigate = useNavigate();
  const { t } = useTranslation();

  return useCallback(
    (alert: LiveAlert) => {
      const open = () => {
        notifications.hide(alert.id);
        alert.onOpen?.();
        void navigate(alert.path);
      };
      notifications.hide(alert.id);
      notifications.show({
        id: alert.id,
        role: 'status',
        color: alert.color,
        title: alert.title,
        message: (
          <>
            <Text size="sm">{alert.body}</Text>
            {/* The notices render outside the router: the link goes through the captured navigate(). */}
            <Anchor
              href={alert.path}
              size="sm"
              onClick={(click) => {
                if (!isPlainClick(click)) return;
                click.preventDefault();
                open();
              }}
            >
              {alert.linkLabel}
            </Anchor>
          </>
        ),
        autoClose: alert.autoClose,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      showBrowserNotification({ title: alert.title, body: alert.body, tag: alert.id, onClick: open });
    },
    [navigate, t],
  );
}
