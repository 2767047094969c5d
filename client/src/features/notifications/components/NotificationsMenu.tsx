import { ActionIcon, Menu, Text, VisuallyHidden } from '@mantine/core';
import type { NotificationView } from '@guichet/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useNow } from '../../../lib/use-now';
import { useNotifications } from '../api/list-notifications';
import { useMarkNotificationRead } from '../api/mark-notification-read';
import { useBrowserPermission } from '../browser-notifications';
import { notificationText } from '../notification-text';
import { BellIcon } from './BellIcon';
import classes from './NotificationsMenu.module.css';

const SHOWN = 20;

function NotificationContent({ notification, now }: { notification: NotificationView; now: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { title, body } = notificationText(t, notification);
  return (
    <>
      <Text size="sm" className={classes.title}>
        {!notification.readAt && (
          <>
            <span className={classes.dot} aria-hidden />
            <VisuallyHidden>{t('notifications.unread')} </VisuallyHidden>
          </>
        )}
        {title}
      </Text>
      {body && (
        <Text size="xs" className={classes.body}>
          {body}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        <time dateTime={notification.createdAt} title={formatDateTime(notification.createdAt, locale)}>
          {formatRelativeTime(notification.createdAt, now, locale)}
        </time>
      </Text>
    </>
  );
}

function BrowserNotificationsItem() {
  const { t } = useTranslation();
  const [permission, request] = useBrowserPermission();
  if (permission === 'unsupported') return null;
  if (permission === 'default') {
    return (
      <>
        <Menu.Divider />
        <Menu.Item onClick={request}>{t('notifications.enableBrowser')}</Menu.Item>
      </>
    );
  }
  return (
    <>
      <Menu.Divider />
      <Text size="xs" px="sm" py={6}>
        {t(permission === 'granted' ? 'notifications.browserEnabled' : 'notifications.browserDenied')}
      </Text>
    </>
  );
}

/** The bell: the caller's notifications (escalated breaches, tickets given to them), each read when opened. */
export function NotificationsMenu() {
  const { t } = useTranslation();
  const now = useNow();
  const list = useNotifications();
  const markRead = useMarkNotificationRead();
  const items = list.data ?? [];
  const unread = items.filter((item) => !item.readAt).length;

  // A pushed notification is announced once, without moving focus.
  const [announcement, setAnnouncement] = useState('');
  const newestId = useRef<string | null | undefined>(undefined);
  const newest = items[0];
  useEffect(() => {
    if (!list.data) return;
    const previous = newestId.current;
    newestId.current = newest?.id ?? null;
    if (previous !== undefined && newest && newest.id !== previous && !newest.readAt) {
      setAnnouncement(t('notifications.announce', { title: notificationText(t, newest).title }));
    }
  }, [list.data, newest, t]);

  // Opening a ticket moves focus to the new page's content (AppLayout), not back to the bell.
  const [returnFocus, setReturnFocus] = useState(true);

  const open = (notification: NotificationView) => {
    if (notification.ticketId) setReturnFocus(false);
    if (!notification.readAt) markRead.mutate(notification.id);
  };

  return (
    <>
      {/* Kept in the header landmark rather than portalled to the end of the page. */}
      <Menu
        position="bottom-end"
        width={360}
        shadow="md"
        withinPortal={false}
        withInitialFocusPlaceholder={false}
        returnFocus={returnFocus}
        onOpen={() => setReturnFocus(true)}
      >
        <Menu.Target>
          <ActionIcon variant="default" size="lg" className={classes.trigger}>
            {/* Named by its content, so the visible count is part of the name (WCAG 2.5.3). */}
            <VisuallyHidden>{t('notifications.button', { count: unread })}</VisuallyHidden>
            <BellIcon />
            {unread > 0 && (
              <span className={classes.count} aria-hidden>
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('notifications.title')}</Menu.Label>
          <div className={classes.scroll}>
            {list.isError && !list.data && (
              <Text size="sm" px="sm" py={6}>
                {t('notifications.loadFailed')}
              </Text>
            )}
            {list.data && items.length === 0 && (
              <Text size="sm" px="sm" py={6}>
                {t('notifications.empty')}
              </Text>
            )}
            {items.slice(0, SHOWN).map((notification, index) =>
              notification.ticketId ? (
                <Menu.Item
                  key={notification.id}
                  data-autofocus={index === 0 || undefined}
                  component={Link}
                  to={`/tickets/${encodeURIComponent(notification.ticketId)}`}
                  className={classes.item}
                  data-unread={notification.readAt ? undefined : true}
                  onClick={() => open(notification)}
                >
                  <NotificationContent notification={notification} now={now} />
                </Menu.Item>
              ) : (
                <Menu.Item
                  key={notification.id}
                  data-autofocus={index === 0 || undefined}
                  className={classes.item}
                  data-unread={notification.readAt ? undefined : true}
                  onClick={() => open(notification)}
                >
                  <NotificationContent notification={notification} now={now} />
                </Menu.Item>
              ),
            )}
          </div>
          <BrowserNotificationsItem />
        </Menu.Dropdown>
      </Menu>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
    </>
  );
}
