import {
  CONTACT_SEARCH_LIMIT,
  CONTACT_SEARCH_MIN_LENGTH,
  type ContactMatch,
  type Platform,
} from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

/**
 * Identities looked at, at most: a search as broad as a common surname in a large town is cut short
 * here (the agent types more) rather than folding accents over every contact.
 */
const MAX_CANDIDATES = 1000;

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
  const stripped = q.replace(/[\s().-]/g, '');
  const compact = stripped.length >= CONTACT_SEARCH_MIN_LENGTH ? stripped : q;
  const people: Array<{
    id: string;
    platform: Platform;
    handle: string | null;
    display_name: string | null;
    ticket_count: number;
  }> = await manager.query(
    `WITH matched AS (
       SELECT c.id, c.merged_into_id, c.display_name
         FROM contacts c
        WHERE contact_search_text(c.display_name, c.handle, c.platform_user_id)
                LIKE '%' || immutable_unaccent(lower($1)) || '%' ESCAPE '\\'
           OR contact_search_text(c.display_name, c.handle, c.platform_user_id)
                LIKE '%' || immutable_unaccent(lower($2)) || '%' ESCAPE '\\'
        LIMIT ${MAX_CANDIDATES}
     ),
     found AS (
       SELECT COALESCE(merged_into_id, id) AS id,
              bool_or(immutable_unaccent(lower(coalesce(display_name, '')))
                      LIKE immutable_unaccent(lower($1)) || '%' ESCAPE '\\') AS starts
         FROM matched
        GROUP BY 1
     ),
     visible AS (
       SELECT f.id, f.starts, v.ticket_count, v.last_at
         FROM found f
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS ticket_count, max(t.last_message_at) AS last_at
            FROM tickets t
           WHERE t.contact_id IN (SELECT f.id UNION ALL SELECT m.id FROM contacts m WHERE m.merged_into_id = f.id)
             AND ($3::boolean OR t.service_id = ANY($4::uuid[]))
        ) v
        WHERE $3::boolean OR v.ticket_count > 0
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
