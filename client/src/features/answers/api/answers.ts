import type {
  AnswerDetail,
  AnswerSuggestions,
  AnswerSummary,
  CreateAnswerRequest,
  Page,
  UpdateAnswerRequest,
} from '@guichet/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys, type AnswerListFilter } from '../../../lib/query-keys';

const path = (id: string) => `/answers/${encodeURIComponent(id)}`;

export function listAnswers(filter: AnswerListFilter, signal?: AbortSignal): Promise<Page<AnswerSummary>> {
  return apiRequest<Page<AnswerSummary>>('/answers', {
    signal,
    query: {
      ...filter,
      awaitingValidation: filter.awaitingValidation ? 'true' : undefined,
    },
  });
}

export function getAnswer(id: string, signal?: AbortSignal): Promise<AnswerDetail> {
  return apiRequest<AnswerDetail>(path(id), { signal });
}

export function listAnswerTags(signal?: AbortSignal): Promise<string[]> {
  return apiRequest<string[]>('/answers/tags', { signal });
}

export function getAnswerSuggestions(ticketId: string, signal?: AbortSignal): Promise<AnswerSuggestions> {
  return apiRequest<AnswerSuggestions>(`/tickets/${encodeURIComponent(ticketId)}/answer-suggestions`, {
    signal,
  });
}

export function useAnswers(filter: AnswerListFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.answers.list(filter),
    queryFn: ({ signal }) => listAnswers(filter, signal),
    // Typing a search keeps the previous results on screen until the new ones arrive.
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useAnswer(id: string) {
  return useQuery({ queryKey: queryKeys.answers.detail(id), queryFn: ({ signal }) => getAnswer(id, signal) });
}

export function useAnswerTags() {
  return useQuery({ queryKey: queryKeys.answers.tags, queryFn: ({ signal }) => listAnswerTags(signal) });
}

export function useAnswerSuggestions(ticketId: string) {
  return useQuery({
    queryKey: queryKeys.answers.suggestions(ticketId),
    queryFn: ({ signal }) => getAnswerSuggestions(ticketId, signal),
    staleTime: 60_000,
  });
}

/** After any change: the detail is the server's answer; lists, tags and suggestions are fetched again. */
function useAnswerSaved() {
  const queryClient = useQueryClient();
  return (answer: AnswerDetail) => {
    queryClient.setQueryData(queryKeys.answers.detail(answer.id), answer);
    void queryClient.invalidateQueries({ queryKey: queryKeys.answers.lists });
    void queryClient.invalidateQueries({ queryKey: queryKeys.answers.tags });
  };
}

export function useCreateAnswer() {
  const saved = useAnswerSaved();
  return useMutation({
    mutationFn: (request: CreateAnswerRequest) =>
      apiRequest<AnswerDetail>('/answers', { method: 'POST', body: request }),
    onSuccess: saved,
  });
}

export function useUpdateAnswer(id: string) {
  const saved = useAnswerSaved();
  return useMutation({
    mutationFn: (request: UpdateAnswerRequest) =>
      apiRequest<AnswerDetail>(path(id), { method: 'PATCH', body: request }),
    onSuccess: saved,
  });
}

export function useValidateAnswer(id: string) {
  const saved = useAnswerSaved();
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest<AnswerDetail>(`${path(id)}/validate`, { method: 'POST', body: { version } }),
    onSuccess: saved,
  });
}

export function useArchiveAnswer(id: string) {
  const saved = useAnswerSaved();
  return useMutation({
    mutationFn: (archived: boolean) =>
      apiRequest<AnswerDetail>(`${path(id)}/${archived ? 'archive' : 'restore'}`, { method: 'POST' }),
    onSuccess: saved,
  });
}
