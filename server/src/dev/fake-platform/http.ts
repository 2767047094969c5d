import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** A request as the platform fakes see it: body already read and parsed (JSON or form). */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The JSON or form body's fields (empty for GET). */
  fields: Record<string, unknown>;
  /** `Authorization: Bearer …`, else an `access_token` query or body field. */
  token: string | null;
}

/** What a platform fake answers: JSON (or plain text), or an open event stream it writes itself. */
export interface JsonReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as text/plain instead of JSON. */
  text?: string;
}
export type FakeReply = JsonReply | { stream: (res: ServerResponse) => void };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): JsonReply => ({
  status,
  body,
  headers,
});

export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  if (raw.trim() === '') return {};
  if ((contentType ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // Rails-style nested form fields (`recipient[id]=…`) as Meta and Mastodon accept them.
    const nested = /^([^[]+)\[([^\]]+)\]$/.exec(key);
    if (nested) {
      const inner = (fields[nested[1]] ??= {}) as Record<string, unknown>;
      inner[nested[2]] = value;
    } else fields[key] = value;
  }
  return fields;
}

export function tokenOf(
  headers: IncomingHttpHeaders,
  url: URL,
  fields: Record<string, unknown>,
): string | null {
  const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  const query = url.searchParams.get('access_token');
  if (query) return query;
  return typeof fields.access_token === 'string' && fields.access_token !== '' ? fields.access_token : null;
}

export function writeReply(res: ServerResponse, reply: JsonReply): void {
  const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    'content-type':
      reply.text !== undefined ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...reply.headers,
  });
  res.end(text);
}

/** A string field, or null. */
export const fieldText = (fields: Record<string, unknown>, name: string): string | null => {
  const v = fields[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
};

/** `a.b` of a nested field (`reply.in_reply_to_tweet_id`, `recipient.id`). */
export const nestedText = (fields: Record<string, unknown>, outer: string, inner: string): string | null => {
  const v = fields[outer];
  return typeof v === 'object' && v !== null ? fieldText(v as Record<string, unknown>, inner) : null;
};
