import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { replyAudience, type ApprovalReason, type MessageKind } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { approvalReasons } from '../domain/sensitivity';
import { SettingsService } from '../settings/settings.service';

/** The ticket as the approval rules need it (a Ticket row fits). */
export interface TicketForApproval {
  id: string;
  sensitive: boolean;
  tags: string[];
  contactId: string | null;
}

export interface ReplyForApproval {
  /** The kind of the citizen's message it answers: comment and mention replies are public. */
  kind: MessageKind;
  body: string;
  /** The validated answer it was written from; null: free text. */
  answer: { edited: boolean } | null;
}

/** Gathers what the sensitivity rules look at (policy, contact tags, the citizen's text) and runs them. */
@Injectable()
export class ApprovalCheckService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SettingsService,
  ) {}

  async reasons(
    ticket: TicketForApproval,
    reply: ReplyForApproval,
    now: Date,
    manager: EntityManager = this.db.manager,
  ): Promise<ApprovalReason[]> {
    const [policy, contactTags, inbound] = await Promise.all([
      this.settings.approvalPolicy(manager),
      this.contactTags(manager, ticket.contactId),
      manager.query<Array<{ body: string }>>(
        `SELECT body FROM messages WHERE ticket_id = $1 AND direction = 'inbound'`,
        [ticket.id],
      ),
    ]);
    return approvalReasons(
      { direction: 'outbound', audience: replyAudience(reply.kind), body: reply.body, answer: reply.answer },
      {
        sensitive: ticket.sensitive,
        tags: ticket.tags,
        contactTags,
        inboundTexts: inbound.map((m) => m.body),
      },
      policy,
      now,
    );
  }

  /** The contact's tags and those of the person it was merged into (where agents tag them). */
  private async contactTags(manager: EntityManager, contactId: string | null): Promise<string[]> {
    if (!contactId) return [];
    const rows: Array<{ tags: string[] }> = await manager.query(
      `SELECT c.tags FROM contacts c
        WHERE c.id = $1 OR c.id = (SELECT merged_into_id FROM contacts WHERE id = $1)`,
      [contactId],
    );
    return rows.flatMap((r) => r.tags);
  }
}
