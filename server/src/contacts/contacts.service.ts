import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactDetail, ContactMatch } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { ticketsOfContact } from '../tickets/ticket-list.query';
import { toContactView, toTicketSummary } from '../tickets/ticket-views';
import { Contact } from './contact.entity';
import { searchContacts } from './contact-search.query';

/**
 * Citizens across channels. A contact is one identity on one platform; an agent who recognises the
 * same person elsewhere merges the two: the merged identity points to the main one, which then holds
 * the tickets of both, and the person's next messages on either channel go to it.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async detail(user: AuthUser, id: string): Promise<ContactDetail> {
    const main = await this.person(this.db.manager, user, id);
    const identities = await this.db.getRepository(Contact).find({
      where: [{ id: main.id }, { mergedIntoId: main.id }],
      order: { createdAt: 'ASC' },
    });
    const tickets = await ticketsOfContact(this.db, user, main.id, { limit: 50 });
    const now = new Date();
    return {
      ...toContactView(main),
      tags: main.tags,
      identities: [main, ...identities.filter((c) => c.id !== main.id)].map(toContactView),
      tickets: tickets.map((t) => toTicketSummary(t, now)),
    };
  }

  /** The merge picker's candidates: people the user may see, never an identity merged into another. */
  search(user: AuthUser, q: string): Promise<ContactMatch[]> {
    return searchContacts(this.db.manager, user, q);
  }

  /** Replaces the person's tags (already normalised by the DTO); the main identity holds them. */
  async updateTags(user: AuthUser, id: string, tags: string[]): Promise<ContactDetail> {
    await this.db.transaction(async (manager) => {
      const main = await this.person(manager, user, id);
      const before = main.tags;
      if (before.length === tags.length && before.every((tag, i) => tag === tags[i])) return;
      await manager.update(Contact, { id: main.id }, { tags });
      await this.audit.record(
        user.id,
        'contact.tags_changed',
        'contact',
        main.id,
        { from: before, to: tags },
        manager,
      );
    });
    return this.detail(user, id);
  }

  async merge(user: AuthUser, id: string, otherId: string): Promise<ContactDetail> {
    await this.db.transaction(async (manager) => {
      const main = await this.person(manager, user, id);
      const other = await this.person(manager, user, otherId, 'contactId');
      if (main.id === other.id) {
        throw new DomainError('invalid', 'contactId: these two contacts are already the same person', [
          'contactId: already the same person',
        ]);
      }
      // The person keeps the labels of both identities (routing rules may match either).
      const tags = [...new Set([...main.tags, ...other.tags])];
      if (tags.length > main.tags.length) await manager.update(Contact, { id: main.id }, { tags });
      // The other person's identities (itself and those merged into it) now belong to the main one.
      await manager.query(
        `UPDATE contacts SET merged_into_id = $1, updated_at = now() WHERE id = $2 OR merged_into_id = $2`,
        [main.id, other.id],
      );
      await manager.query(`UPDATE tickets SET contact_id = $1, updated_at = now() WHERE contact_id = $2`, [
        main.id,
        other.id,
      ]);
      await this.audit.record(user.id, 'contact.merged', 'contact', main.id, { merged: other.id }, manager);
    });
    return this.detail(user, id);
  }

  /**
   * The person behind contact `id` (the main identity when it was merged), if the user may see them:
   * an admin always, others when one of the person's tickets is in their services (else 404, as for
   * a ticket of another service).
   */
  private async person(manager: EntityManager, user: AuthUser, id: string, field = 'id'): Promise<Contact> {
    const contact = await manager.getRepository(Contact).findOneBy({ id });
    const main = contact?.mergedIntoId
      ? await manager.getRepository(Contact).findOneBy({ id: contact.mergedIntoId })
      : contact;
    if (!main)
      throw field === 'id' ? notFound('Contact') : new DomainError('invalid', `${field}: no such contact`);
    if (user.role !== 'admin') {
      const visible: Array<{ n: number }> = await manager.query(
        `SELECT count(*)::int AS n FROM tickets t
          WHERE t.service_id = ANY($2)
            AND t.contact_id IN (SELECT c.id FROM contacts c WHERE c.id = $1 OR c.merged_into_id = $1)`,
        [main.id, user.serviceIds],
      );
      if ((visible[0]?.n ?? 0) === 0) {
        throw field === 'id' ? notFound('Contact') : new DomainError('invalid', `${field}: no such contact`);
      }
    }
    return main;
  }
}
