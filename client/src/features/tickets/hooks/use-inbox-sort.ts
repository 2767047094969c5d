import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TicketSort } from '../../../lib/query-keys';

/** The inbox order lives in the URL (?sort=due); recent activity is the default and is left out. */
export function useInboxSort(): [TicketSort, (sort: TicketSort) => void] {
  const [params, setParams] = useSearchParams();
  const sort: TicketSort = params.get('sort') === 'due' ? 'due' : 'activity';
  const setSort = useCallback(
    (next: TicketSort) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next === 'due') updated.set('sort', 'due');
          else updated.delete('sort');
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [sort, setSort];
}
