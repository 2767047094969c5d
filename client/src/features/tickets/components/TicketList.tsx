import type { TicketSummary } from '@guichet/shared';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../../../lib/use-shortcut';
import { useNow } from '../../../lib/use-now';
import { TicketRow } from './TicketRow';

/** j/k move the focus between the rows' links; Enter then opens the focused ticket (a plain link). */
export function TicketList({ tickets }: { tickets: TicketSummary[] }) {
  const { t } = useTranslation();
  const now = useNow();
  const listRef = useRef<HTMLUListElement>(null);

  const move = (step: 1 | -1) => {
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? [])];
    if (links.length === 0) return;
    const current = links.findIndex((link) => link === document.activeElement);
    const next = current === -1 ? (step === 1 ? 0 : links.length - 1) : current + step;
    links[Math.min(Math.max(next, 0), links.length - 1)]?.focus();
  };
  useShortcuts({ j: () => move(1), k: () => move(-1) });

  return (
    <ul ref={listRef} aria-label={t('inbox.listLabel')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {tickets.map((ticket) => (
        <TicketRow key={ticket.id} ticket={ticket} now={now} />
      ))}
    </ul>
  );
}
