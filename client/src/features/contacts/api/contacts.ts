import {
  CONTACT_SEARCH_MIN_LENGTH,
  type ContactDetail,
  type ContactMatch,
  type UpdateContactRequest,
} from '@guichet/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const path = (id: string) => `/contacts/${encodeURIComponent(id)}`;

export function getContact(id: string, signal?: AbortSignal): Promise<ContactDetail> {
  return apiRequest<ContactDetail>(path(id), { signal });
}

export function searchContacts(q: string, signal?: AbortSignal): Promise<ContactMatch[]> {
  return apiRequest<ContactMatch[]>('/contacts', { query: { q }, signal });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: queryKeys.contacts.detail(id),
    queryFn: ({ signal }) => getContact(id, signal),
  });
}

/** The merge picker's results; nothing is asked before the search is long enough. */
export function useContactSearch(q: string) {
  return useQuery({
    queryKey: queryKeys.contacts.search(q),
    queryFn: ({ signal }) => searchContacts(q, signal),
    enabled: q.length >= CONTACT_SEARCH_MIN_LENGTH,
    // Typing keeps the previous results on screen until the new ones arrive.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * After a change the server answers with the person: it is stored under the id the page was opened
 * with (a merged identity's id leads to the person too) and under the person's own id.
 */
function useContactSaved(pageId: string) {
  const queryClient = useQueryClient();
  return (contact: ContactDetail) => {
    queryClient.setQueryData(queryKeys.contacts.detail(pageId), contact);
    queryClient.setQueryData(queryKeys.contacts.detail(contact.id), contact);
  };
}

export function useUpdateContact(pageId: string) {
  const saved = useContactSaved(pageId);
  return useMutation({
    mutationFn: (request: UpdateContactRequest) =>
      apiRequest<ContactDetail>(path(pageId), { method: 'PATCH', body: request }),
    onSuccess: saved,
  });
}

/** Merges `contactId` into the page's person: their tickets move, so ticket pages and lists are refetched. */
export function useMergeContact(pageId: string) {
  const queryClient = useQueryClient();
  const saved = useContactSaved(pageId);
  return useMutation({
    mutationFn: (contactId: string) =>
      apiRequest<ContactDetail>(`${path(pageId)}/merge`, { method: 'POST', body: { contactId } }),
    onSuccess: (contact) => {
      saved(contact);
      // The merged identity's own page and any search result showing it are stale.
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.all });
    },
  });
}
