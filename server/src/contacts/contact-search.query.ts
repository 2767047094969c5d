import { CONTACT_SEARCH_LIMIT, type ContactMatch, type Platform } from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * People whose name, handle or platform id (an e-mail or phone for the web form) contains `q`, accents
 * and case ignored, among those `user` may see (a ticket in one of their services; admins: everyone).
 * A match on an identity merged into another finds that other, the person; names starting with `q`
 * first, then the latest activity.
 */
export async function searchContacts(
  manager: EntityManager,
  user: AuthUser,
  q: string,
): Promise<ContactMatch[]> {
  // Phone numbers are stored without spaces, dots or brackets.
  const compact = q.replace(/[\s().-]/g, '');
  const people: Array<{
    id: string;
    platform: Platform;
    handle: string | null;
    display_name: string | null;
    ticket_count: number;
  }> = await manager.query(
    `WITH q AS (SELECT immutable_unaccent(lower($1)) AS s, lower($2) AS compact),
     found AS (
       SELECT COALESCE(c.merged_into_id, c.id) AS id,
              bool_or(immutable_unaccent(lower(coalesce(c.display_name, ''))) LIKE q.s || '%' ESCAPE '\\') AS starts
         FROM contacts c, q
        WHERE immutable_unaccent(lower(coalesce(c.display_name, ''))) LIKE '%' || q.s || '%' ESCAPE '\\'
           OR immutable_unaccent(lower(coalesce(c.handle, ''))) LIKE '%' || q.s || '%' ESCAPE '\\'
           OR lower(c.platform_user_id) LIKE '%' || q.s || '%' ESCAPE '\\'
           OR (length(q.compact) >= 2 AND lower(c.platform_user_id) LIKE '%' || q.compact || '%' ESCAPE '\\')
        GROUP BY 1
     ),
     visible AS (
       SELECT f.id, f.starts, count(t.id)::int AS ticket_count, max(t.last_message_at) AS last_at
         FROM found f
         JOIN contacts i ON i.id = f.id OR i.merged_into_id = f.id
         LEFT JOIN tickets t ON t.contact_id = i.id AND ($3::boolean OR t.service_id = ANY($4::uuid[]))
        GROUP BY f.id, f.starts
       HAVING $3::boolean OR count(t.id) > 0
     )
     SELECT c.id, c.platform, c.handle, c.display_name, v.ticket_count
       FROM visible v JOIN contacts c ON c.id = v.id
      WHERE c.merged_into_id IS NULL
      ORDER BY v.starts DESC, v.last_at DESC NULLS LAST, c.id
      LIMIT ${CONTACT_SEARCH_LIMIT}`,
    [escapeLike(q), escapeLike(compact), user.role === 'admin', user.serviceIds],
  );
  if (people.length === 0) return [];
  const identities: Array<{
    id: string;
    platform: Platform;
    handle: string | null;
    display_name: string | null;
    merged_into_id: string | null;
  }> = await manager.query(
    `SELECT id, platform, handle, display_name, merged_into_id FROM contacts
      WHERE merged_into_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [people.map((p) => p.id)],
  );
  const view = (c: {
    id: string;
    platform: Platform;
    handle: string | null;
    display_name: string | null;
  }) => ({
    id: c.id,
    platform: c.platform,
    handle: c.handle,
    displayName: c.display_name,
  });
  return people.map((p) => ({
    ...view(p),
    identities: [view(p), ...identities.filter((i) => i.merged_into_id === p.id).map(view)],
    ticketCount: p.ticket_count,
  }));
}
