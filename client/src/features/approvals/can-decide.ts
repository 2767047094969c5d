import type { Me, MessageView } from '@guichet/shared';

/**
 * Whether `me` may decide on a held reply of a ticket in `serviceId`: the server's rule
 * (decide-reply.use-case.ts) — a head of the service or an administrator, never the reply's author.
 */
export function canDecideReply(
  me: Pick<Me, 'id' | 'role' | 'headOfServiceIds'>,
  serviceId: string,
  reply: Pick<MessageView, 'author'>,
): boolean {
  const heads = me.role === 'admin' || me.headOfServiceIds.includes(serviceId);
  const ownReply = reply.author?.kind === 'user' && reply.author.id === me.id;
  return heads && !ownReply;
}
