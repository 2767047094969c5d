import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { replyAudience, type AnswerSuggestions, type MessageKind } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { COURTESY_WORDS } from './answer-search';
import { toAnswerSummary } from './answer-views';
import { Answer } from './answer.entity';

/** How many of the citizen's latest messages describe the request. */
const CITIZEN_MESSAGES = 3;

/**
 * The validated answers that best fit a ticket: its service's, suited to the reply's audience, ranked
 * by full-text match against the citizen's latest messages. Words found in more than half of the
 * candidates (and courtesy words) are left out of the query: they match everything and rank nothing.
 */
@Injectable()
export class AnswerSuggestionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forTicket(ticketId: string, limit = 3): Promise<AnswerSuggestions> {
    const tickets: Array<{ service_id: string; kind: MessageKind | null }> = await this.db.query(
      `SELECT t.service_id,
              (SELECT kind FROM messages WHERE ticket_id = t.id AND direction = 'inbound'
                ORDER BY sent_at DESC, created_at DESC LIMIT 1) AS kind
         FROM tickets t WHERE t.id = $1`,
      [ticketId],
    );
    const ticket = tickets[0];
    if (!ticket) throw notFound('Ticket');
    const audience = ticket.kind ? replyAudience(ticket.kind) : null;
    const ranked: Array<{ id: string; rank: number }> = await this.db.query(
      `WITH citizen AS (
         SELECT coalesce(string_agg(body, ' '), '') AS text FROM (
           SELECT body FROM messages WHERE ticket_id = $1 AND direction = 'inbound'
            ORDER BY sent_at DESC, created_at DESC LIMIT ${CITIZEN_MESSAGES}) latest
       ),
       stems AS (
         SELECT unnest(tsvector_to_array(answer_search_terms(citizen.text))) AS stem FROM citizen
         EXCEPT
         SELECT unnest(tsvector_to_array(answer_search_terms($4)))
       ),
       candidates AS (
         SELECT id, search, usage_count FROM answers
          WHERE service_id = $2 AND status = 'validated'
            AND ($3::text IS NULL OR suitable_for IN ('both', $3::answer_suitability))
       ),
       spread AS (
         SELECT stem, count(c.id) AS n FROM stems
           LEFT JOIN candidates c ON c.search @@ to_tsquery('simple', quote_literal(stem))
          GROUP BY stem
       ),
       query AS (
         SELECT to_tsquery('simple', string_agg(quote_literal(stem), ' | ')) AS q FROM spread
          WHERE n > 0 AND (n * 2 <= (SELECT count(*) FROM candidates) OR (SELECT count(*) FROM candidates) < 3)
       )
       SELECT c.id, ts_rank(c.search, query.q) AS rank FROM candidates c, query
        WHERE query.q IS NOT NULL AND c.search @@ query.q
        ORDER BY rank DESC, c.usage_count DESC, c.id
        LIMIT $5`,
      [ticketId, ticket.service_id, audience, COURTESY_WORDS, limit],
    );
    if (ranked.length === 0) return { audience, items: [] };
    const answers = await this.db
      .getRepository(Answer)
      .find({ where: ranked.map((r) => ({ id: r.id })), relations: { service: true } });
    const byId = new Map(answers.map((a) => [a.id, a]));
    return {
      audience,
      items: ranked.flatMap((r) => {
        const answer = byId.get(r.id);
        return answer ? [{ ...toAnswerSummary(answer), rank: Number(r.rank) }] : [];
      }),
    };
  }
}
