import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TicketStatus } from '@guichet/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { ChannelAccount } from '../channels/channel-account.entity';
import { Service } from '../services/service.entity';
import { TicketSlaClock } from '../sla/ticket-sla-clock.entity';
import { IngestInboundService } from '../tickets/ingest-inbound.service';
import { Message } from '../tickets/message.entity';
import { Ticket } from '../tickets/ticket.entity';
import { badField, fieldProblem, Open311Error } from './open311-error';
import {
  isToken,
  parseRequestInput,
  storedNumber,
  storedText,
  type Open311RequestFilters,
  type Open311RequestInput,
} from './open311-input';
import { OPEN311_ACCOUNT_EXTERNAL_ID, requestMessage } from './open311-message';
import type {
  GeoReportCreated,
  GeoReportRequest,
  GeoReportService,
  GeoReportServiceDefinition,
  GeoReportToken,
} from './open311.types';

const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'pending'];
const CLOSED_STATUSES: TicketStatus[] = ['resolved', 'closed'];
export const REQUESTS_MAX = 1000;

/** The town's services and the citizens' requests, as GeoReport v2 shows them. */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: IngestInboundService,
  ) {}

  /** Every service a citizen may address (administrators choose which); triage (Accueil) is internal. */
  async services(): Promise<GeoReportService[]> {
    const services = await this.db
      .getRepository(Service)
      .find({ where: { isTriage: false, open311Listed: true }, order: { name: 'ASC' } });
    return services.map((s) => ({
      service_code: s.slug,
      service_name: s.name,
      description: s.description,
      metadata: false,
      type: 'realtime',
      keywords: s.keywords.join(','),
      group: s.open311Group,
    }));
  }

  async serviceDefinition(code: string): Promise<GeoReportServiceDefinition> {
    if (!(await this.findService(code)))
      throw new Open311Error(404, `service_code : service « ${code} » inconnu`);
    return { service_code: code, attributes: [] };
  }

  /**
   * A citizen's request becomes a ticket like any message (ingestion, contact, SLA, live inbox), in
   * the service the citizen chose rather than the one keyword routing would pick. The request's
   * token is its message's platform id, so the client's idempotency key, when given, is stored once
   * by the same unique index that dedupes webhooks: a repeat answers with the first request.
   */
  async create(
    input: Open311RequestInput,
    raw: Record<string, unknown>,
    idempotencyKey: string | null,
    now: Date = new Date(),
  ): Promise<GeoReportCreated[]> {
    const service = await this.findService(input.serviceCode);
    if (!service) throw badField('service_code', `service « ${input.serviceCode} » inconnu`);
    await this.ensureAccount();
    const token = idempotencyKey ?? randomUUID();
    // The citizen chose the service: the ticket opens there, in the same transaction as its message.
    const outcome = await this.ingest.ingest(requestMessage(input, raw, token, now), now, {
      serviceId: service.id,
      explanation: `Open311 : service_code « ${service.slug} » → ${service.name}`,
    });
    if (outcome.outcome === 'duplicate' && outcome.messageId) {
      await this.checkSameRequest(outcome.messageId, input);
    } else if (outcome.outcome !== 'created') {
      throw new Error(`Open311 request not stored as a new ticket (${outcome.outcome})`);
    }
    const ticket = await this.db.getRepository(Ticket).findOneByOrFail({ id: outcome.ticketId as string });
    return [
      {
        service_request_id: String(ticket.reference),
        token,
        service_notice: `Votre demande a été transmise au service ${service.name}.`,
        account_id: null,
      },
    ];
  }

  /** GeoReport v2 tokens: the request a POST's token became (only Open311 requests have one). */
  async token(token: string): Promise<GeoReportToken[]> {
    const row = isToken(token)
      ? await this.db
          .getRepository(Message)
          .createQueryBuilder('m')
          .innerJoin(ChannelAccount, 'a', 'a.id = m.channelAccountId')
          .innerJoin(Ticket, 't', 't.id = m.ticketId')
          .select('t.reference', 'reference')
          .where('a.platform = :platform AND a.externalId = :account', {
            platform: 'open311',
            account: OPEN311_ACCOUNT_EXTERNAL_ID,
          })
          .andWhere('m.platformMessageId = :token', { token })
          .getRawOne<{ reference: number }>()
      : undefined;
    if (!row) throw new Open311Error(404, `token : jeton « ${token} » inconnu`);
    return [{ service_request_id: String(row.reference), token }];
  }

  /**
   * A repeated key must carry the same request (IETF Idempotency-Key): the same words answer with
   * the first request; different ones are refused rather than silently dropped.
   */
  private async checkSameRequest(messageId: string, input: Open311RequestInput): Promise<void> {
    const first = await this.db
      .getRepository(Message)
      .createQueryBuilder('m')
      .addSelect('m.raw')
      .innerJoinAndSelect('m.ticket', 't')
      .where('m.id = :id', { id: messageId })
      .getOneOrFail();
    let same = false;
    try {
      same = JSON.stringify(parseRequestInput(first.raw)) === JSON.stringify(input);
    } catch {
      same = false;
    }
    if (!same) {
      throw new Open311Error(
        422,
        fieldProblem(
          'idempotency_key',
          `cette demande a déjà été enregistrée sous le n° ${first.ticket.reference} avec un contenu différent ; pour ajouter une précision, faites une nouvelle demande`,
        ),
      );
    }
  }

  async list(filters: Open311RequestFilters): Promise<GeoReportRequest[]> {
    const qb = this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.service', 'service')
      // Only what citizens sent through this API: never a Facebook comment or any other channel.
      .where("t.platform = 'open311'");
    if (filters.references) {
      qb.andWhere('t.reference IN (:...refs)', { refs: filters.references });
    } else {
      if (filters.serviceCodes) qb.andWhere('service.slug IN (:...codes)', { codes: filters.serviceCodes });
      if (filters.statuses) {
        const statuses = filters.statuses.flatMap((s) => (s === 'open' ? OPEN_STATUSES : CLOSED_STATUSES));
        qb.andWhere('t.status IN (:...statuses)', { statuses });
      }
      if (filters.start) qb.andWhere('t.createdAt >= :start', { start: filters.start });
      if (filters.end) qb.andWhere('t.createdAt <= :end', { end: filters.end });
    }
    const tickets = await qb
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.reference', 'DESC')
      .take(REQUESTS_MAX)
      .getMany();
    return this.toRequests(tickets);
  }

  async one(reference: string): Promise<GeoReportRequest[]> {
    const found = /^\d{1,9}$/.test(reference)
      ? await this.list({
          references: [Number(reference)],
          serviceCodes: null,
          statuses: null,
          start: null,
          end: null,
        })
      : [];
    if (found.length === 0) {
      throw new Open311Error(404, `service_request_id : demande « ${reference} » introuvable`);
    }
    return found;
  }

  private findService(code: string): Promise<Service | null> {
    return this.db
      .getRepository(Service)
      .findOne({ where: { slug: code, isTriage: false, open311Listed: true } });
  }

  /** The Open311 channel account, created on first use. */
  private async ensureAccount(): Promise<void> {
    await this.db
      .createQueryBuilder()
      .insert()
      .into(ChannelAccount)
      .values({
        platform: 'open311',
        externalId: OPEN311_ACCOUNT_EXTERNAL_ID,
        name: 'Open311 (formulaire web)',
      })
      .orIgnore()
      .execute();
  }

  /** Tickets as GeoReport requests: what the citizen sent, the latest sent reply, the resolution deadline. */
  private async toRequests(tickets: Ticket[]): Promise<GeoReportRequest[]> {
    if (tickets.length === 0) return [];
    const ids = tickets.map((t) => t.id);
    const [requests, notes, clocks] = await Promise.all([
      // The citizen's request: the ticket's first inbound message, as the client sent it.
      this.db.query<Array<{ ticket_id: string; raw: unknown }>>(
        `SELECT DISTINCT ON (ticket_id) ticket_id, raw FROM messages
         WHERE ticket_id = ANY($1) AND direction = 'inbound'
         ORDER BY ticket_id, sent_at ASC, created_at ASC`,
        [ids],
      ),
      // Only replies actually sent are public: a queued or unapproved reply is not.
      this.db.query<Array<{ ticket_id: string; body: string }>>(
        `SELECT DISTINCT ON (ticket_id) ticket_id, body FROM messages
         WHERE ticket_id = ANY($1) AND direction = 'outbound' AND delivery_status = 'sent'
         ORDER BY ticket_id, sent_at DESC, created_at DESC`,
        [ids],
      ),
      this.db.getRepository(TicketSlaClock).findBy({ ticketId: In(ids), kind: 'resolution' }),
    ]);
    const rawOf = new Map(requests.map((r) => [r.ticket_id, r.raw]));
    const noteOf = new Map(notes.map((n) => [n.ticket_id, n.body]));
    const deadlineOf = new Map(clocks.map((c) => [c.ticketId, c.deadlineAt]));
    return tickets.map((t) => {
      const raw = rawOf.get(t.id);
      const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const lat = storedNumber(fields.lat);
      const long = storedNumber(fields.long);
      return {
        service_request_id: String(t.reference),
        status: CLOSED_STATUSES.includes(t.status) ? 'closed' : 'open',
        status_notes: noteOf.get(t.id) ?? null,
        service_name: t.service.name,
        service_code: t.service.slug,
        description: storedText(fields.description),
        agency_responsible: t.service.name,
        service_notice: null,
        requested_datetime: t.createdAt.toISOString(),
        updated_datetime: t.updatedAt.toISOString(),
        expected_datetime: deadlineOf.get(t.id)?.toISOString() ?? null,
        address: storedText(fields.address_string),
        address_id: storedText(fields.address_id),
        zipcode: null,
        lat: lat !== null && long !== null ? lat : null,
        long: lat !== null && long !== null ? long : null,
        media_url: storedText(fields.media_url),
      };
    });
  }
}
