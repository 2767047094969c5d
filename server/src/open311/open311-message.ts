import type { InboundAuthor, InboundMessage } from '../channels/inbound-event';
import type { Open311RequestInput } from './open311-input';

/** The town's one Open311 "account": every request arrives on it. */
export const OPEN311_ACCOUNT_EXTERNAL_ID = 'open311';

/** What agents read: the citizen's words, then where and what they pointed at. */
export function requestBody(input: Open311RequestInput): string {
  const lines: string[] = [];
  if (input.addressString !== null) lines.push(`Adresse : ${input.addressString}`);
  if (input.addressId !== null) lines.push(`Identifiant d’adresse : ${input.addressId}`);
  if (input.lat !== null && input.long !== null) lines.push(`Position : ${input.lat}, ${input.long}`);
  if (input.mediaUrl !== null) lines.push(`Photo : ${input.mediaUrl}`);
  return [input.description, lines.join('\n')].filter((part) => part !== null && part !== '').join('\n\n');
}

/** The citizen, by e-mail, else phone, else the client's device or account id; null: anonymous. */
export function requestAuthor(input: Open311RequestInput): InboundAuthor | null {
  const id =
    input.email ??
    (input.phone !== null ? input.phone.replace(/[\s().-]/g, '') : null) ??
    (input.deviceId !== null ? `device:${input.deviceId}` : null) ??
    (input.accountId !== null ? `account:${input.accountId}` : null);
  if (id === null) return null;
  const name = [input.firstName, input.lastName].filter((n) => n !== null).join(' ');
  return { platformUserId: id, displayName: name === '' ? null : name, handle: input.email ?? input.phone };
}

/** A request as the ingestion pipeline takes any citizen message; its own thread, so its own ticket. */
export function requestMessage(
  input: Open311RequestInput,
  raw: Record<string, unknown>,
  id: string,
  at: Date,
): InboundMessage {
  return {
    type: 'message',
    platform: 'open311',
    accountExternalId: OPEN311_ACCOUNT_EXTERNAL_ID,
    kind: 'request',
    platformMessageId: id,
    platformParentId: null,
    threadKey: id,
    author: requestAuthor(input),
    body: requestBody(input),
    sentAt: at,
    context: null,
    raw,
  };
}
