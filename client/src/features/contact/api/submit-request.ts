import { useMutation } from '@tanstack/react-query';
import { open311Request } from './open311-client';

interface Created {
  service_request_id: string;
  token?: string;
  service_notice?: string | null;
}

interface RequestStatus {
  expected_datetime: string | null;
}

/** What the citizen is told once the request is stored. */
export interface ContactReceipt {
  id: string;
  notice: string | null;
  /** When the service means to have dealt with it (the resolution deadline), if known. */
  expectedAt: string | null;
}

export interface SubmitRequestInput {
  apiKey: string;
  /** One per form instance: a double click or a retry after a network error stores the request once. */
  idempotencyKey: string;
  fields: Record<string, string>;
}

export async function submitRequest({
  apiKey,
  idempotencyKey,
  fields,
}: SubmitRequestInput): Promise<ContactReceipt> {
  const [created] = await open311Request<Created[]>('/v2/requests.json', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ ...fields, api_key: apiKey }),
  });
  let expectedAt: string | null = null;
  try {
    const [status] = await open311Request<RequestStatus[]>(
      `/v2/requests/${encodeURIComponent(created.service_request_id)}.json`,
    );
    expectedAt = status?.expected_datetime ?? null;
  } catch {
    // The request is stored: its number matters more than the expected date.
  }
  return { id: created.service_request_id, notice: created.service_notice ?? null, expectedAt };
}

export function useSubmitRequest() {
  return useMutation({ mutationFn: submitRequest });
}
