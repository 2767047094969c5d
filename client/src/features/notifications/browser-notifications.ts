import { useCallback, useEffect, useState } from 'react';

export type BrowserPermission = NotificationPermission | 'unsupported';

export function browserPermission(): BrowserPermission {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

/** The permission as it is now; asking is left to an explicit button, never done on load. */
export function useBrowserPermission(): [BrowserPermission, () => void] {
  const [permission, setPermission] = useState(browserPermission);

  useEffect(() => {
    // The person may change it in the browser's settings while the tab stays open.
    const refresh = () => setPermission(browserPermission());
    document.addEventListener('visibilitychange', refresh);
    return () => document.removeEventListener('visibilitychange', refresh);
  }, []);

  const request = useCallback(() => {
    if (browserPermission() !== 'default') return;
    void Notification.requestPermission().then(setPermission, () => setPermission(browserPermission()));
  }, []);

  return [permission, request];
}

interface BrowserNotice {
  title: string;
  body: string;
  /** Same tag, same notice: several open tabs show it once. */
  tag: string;
  onClick: () => void;
}

/** Shows a system notification if, and only if, the person already allowed them. */
export function showBrowserNotification({ title, body, tag, onClick }: BrowserNotice): void {
  if (browserPermission() !== 'granted') return;
  try {
    const notice = new Notification(title, { body, tag });
    notice.onclick = () => {
      window.focus();
      onClick();
      notice.close();
    };
  } catch {
    // Some browsers (Android) only allow them from a service worker: the in-page notice is enough.
  }
}
