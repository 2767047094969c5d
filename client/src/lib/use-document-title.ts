import { useEffect } from 'react';

/** Each page has its own title (WCAG 2.4.2), read first by screen readers after navigation. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} – Guichet` : 'Guichet';
  }, [title]);
}
