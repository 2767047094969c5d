import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AnswerDetail, AnswerSummary, Page } from '@guichet/shared';
import type { CreateAnswerDto, ListAnswersQuery, UpdateAnswerDto } from '@guichet/shared/dto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canAccessService, headsService, type AuthUser } from '../auth/auth-user';
import { UUID_PATTERN } from '../auth/guards/service-scope.guard';
import { DomainError } from '../common/domain-error';
import { searchQuerySql } from './answer-search';
import { AnswerVersion } from './answer-version.entity';
import { toAnswerDetail, toAnswerSummary } from './answer-views';
import { Answer } from './answer.entity';

type AnswerText = Pick<Answer, 'title' | 'body' | 'tags' | 'suitableFor'>;

const sameText = (a: AnswerText, b: AnswerText) =>
  a.title === b.title &&
  a.body === b.body &&
  a.suitableFor === b.suitableFor &&
  a.tags.length === b.tags.length &&
  a.tags.every((t, i) => t === b.tags[i]);

// Another service's answer is reported exactly like a missing one, so ids cannot be probed.
const answerNotFound = () => new DomainError('not_found', 'Réponse introuvable');

/**
 * The validated answers of each service. Agents of the service propose drafts (a first text, or a new
 * version of a validated answer); its head or an admin validates them. The published version stays
 * the one replies use until the next one is validated.
 */
@Injectable()
export class AnswersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListAnswersQuery): Promise<Page<AnswerSummary>> {
    const qb = this.db
      .getRepository(Answer)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.service', 'service');
    if (user.role !== 'admin') {
      if (user.serviceIds.length === 0) return { items: [], total: 0 };
      qb.andWhere('a.serviceId IN (:...services)', { services: user.serviceIds });
    }
    if (query.serviceId) qb.andWhere('a.serviceId = :serviceId', { serviceId: query.serviceId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.tag) qb.andWhere(':tag = ANY(a.tags)', { tag: query.tag.toLocaleLowerCase('fr') });
    if (query.audience) {
      qb.andWhere(`a.suitableFor IN ('both', :audience)`, { audience: query.audience });
    }
    if (query.awaitingValidation) {
      qb.andWhere('a.draftVersion IS NOT NULL').andWhere(`a.status <> 'archived'`);
    }
    const q = query.q?.trim();
    const searching = q ? await this.hasSearchableWords(q) : false;
    if (searching) {
      const tsquery = searchQuerySql(':q');
      qb.andWhere(`a.search @@ ${tsquery}`, { q })
        .orderBy(`ts_rank(a.search, ${tsquery})`, 'DESC')
        .addOrderBy('a.usageCount', 'DESC');
    } else {
      qb.orderBy('a.title', 'ASC');
    }
    const [rows, total] = await qb
      .addOrderBy('a.id', 'ASC')
      // One service per answer: plain LIMIT/OFFSET (no de-duplicating subquery, which would lose the rank order).
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .getManyAndCount();
    return { items: rows.map(toAnswerSummary), total };
  }

  /** The distinct tags of the caller's answers (for the filter), most used first. */
  async tags(user: AuthUser, serviceId?: string): Promise<string[]> {
    const services = user.role === 'admin' ? null : user.serviceIds;
    const rows: Array<{ tag: string }> = await this.db.query(
      `SELECT tag FROM answers, unnest(tags) AS tag
        WHERE ($1::uuid[] IS NULL OR service_id = ANY($1)) AND ($2::uuid IS NULL OR service_id = $2)
        GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 200`,
      [services, serviceId ?? null],
    );
    return rows.map((r) => r.tag);
  }

  async get(user: AuthUser, id: string): Promise<AnswerDetail> {
    const answer = await this.findInScope(this.db.manager, user, id);
    return this.detail(user, answer);
  }

  async create(user: AuthUser, dto: CreateAnswerDto, now: Date = new Date()): Promise<AnswerDetail> {
    if (!canAccessService(user, dto.serviceId)) {
      throw new DomainError('invalid', 'serviceId: not one of your services', [
        'serviceId: not one of your services',
      ]);
    }
    const text: AnswerText = {
      title: dto.title,
      body: dto.body,
      tags: dto.tags ?? [],
      suitableFor: dto.suitableFor,
    };
    const id = await this.db.transaction(async (manager) => {
      const inserted = await manager.insert(Answer, {
        serviceId: dto.serviceId,
        status: 'draft',
        ...text,
        publishedVersion: null,
        draftVersion: 1,
        createdById: user.id,
        createdAt: now,
        updatedAt: now,
      });
      const answerId = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(AnswerVersion, {
        answerId,
        version: 1,
        state: 'draft',
        ...text,
        authorId: user.id,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(user.id, 'answer.created', 'answer', answerId, { version: 1 }, manager);
      return answerId;
    });
    return this.get(user, id);
  }

  /**
   * Proposes a text: edits the pending draft, or opens a new draft version of a validated answer
   * (which keeps its published text until that draft is validated).
   */
  async update(
    user: AuthUser,
    id: string,
    dto: UpdateAnswerDto,
    now: Date = new Date(),
  ): Promise<AnswerDetail> {
    await this.db.transaction(async (manager) => {
      const answer = await this.findInScope(manager, user, id, true);
      if (answer.status === 'archived') {
        throw new DomainError('conflict', 'Cette réponse est archivée : restaurez-la avant de la modifier');
      }
      const versions = manager.getRepository(AnswerVersion);
      const draft =
        answer.draftVersion !== null
          ? await versions.findOneByOrFail({ answerId: id, version: answer.draftVersion })
          : null;
      const base: AnswerText = draft ?? answer;
      const text: AnswerText = {
        title: dto.title ?? base.title,
        body: dto.body ?? base.body,
        tags: dto.tags ?? base.tags,
        suitableFor: dto.suitableFor ?? base.suitableFor,
      };
      if (sameText(text, base)) return;
      if (draft) {
        await versions.update({ id: draft.id }, { ...text, authorId: user.id, updatedAt: now });
        // Before any validation the row shows the draft (lists, search); afterwards, the published text.
        if (answer.publishedVersion === null)
          await manager.update(Answer, { id }, { ...text, updatedAt: now });
        await this.audit.record(user.id, 'answer.edited', 'answer', id, { version: draft.version }, manager);
        return;
      }
      const version = ((await versions.maximum('version', { answerId: id })) ?? 0) + 1;
      await versions.insert({
        answerId: id,
        version,
        state: 'draft',
        ...text,
        authorId: user.id,
        createdAt: now,
        updatedAt: now,
      });
      await manager.update(Answer, { id }, { draftVersion: version, updatedAt: now });
      await this.audit.record(user.id, 'answer.edited', 'answer', id, { version }, manager);
    });
    return this.get(user, id);
  }

  /** The head publishes the pending draft: replies use it from now on. */
  async validate(user: AuthUser, id: string, expected: number | undefined, now: Date = new Date()) {
    await this.db.transaction(async (manager) => {
      const answer = await this.findInScope(manager, user, id, true);
      this.assertHead(user, answer);
      if (answer.status === 'archived') {
        throw new DomainError('conflict', 'Cette réponse est archivée : restaurez-la avant de la valider');
      }
      if (answer.draftVersion === null) {
        throw new DomainError('conflict', 'Aucune version n’attend de validation');
      }
      if (expected !== undefined && expected !== answer.draftVersion) {
        throw new DomainError(
          'conflict',
          `La version proposée est maintenant la v${answer.draftVersion} : relisez-la avant de la valider`,
        );
      }
      const draft = await manager
        .getRepository(AnswerVersion)
        .findOneByOrFail({ answerId: id, version: answer.draftVersion });
      await manager.update(
        AnswerVersion,
        { id: draft.id },
        { state: 'validated', validatedById: user.id, validatedAt: now },
      );
      await manager.update(
        Answer,
        { id },
        {
          title: draft.title,
          body: draft.body,
          tags: draft.tags,
          suitableFor: draft.suitableFor,
          status: 'validated',
          publishedVersion: draft.version,
          draftVersion: null,
          updatedAt: now,
        },
      );
      await this.audit.record(user.id, 'answer.validated', 'answer', id, { version: draft.version }, manager);
    });
    return this.get(user, id);
  }

  /** No longer offered to agents; its history stays. */
  async archive(user: AuthUser, id: string, now: Date = new Date()): Promise<AnswerDetail> {
    return this.setArchived(user, id, true, now);
  }

  async restore(user: AuthUser, id: string, now: Date = new Date()): Promise<AnswerDetail> {
    return this.setArchived(user, id, false, now);
  }

  private async setArchived(user: AuthUser, id: string, archived: boolean, now: Date): Promise<AnswerDetail> {
    await this.db.transaction(async (manager) => {
      const answer = await this.findInScope(manager, user, id, true);
      this.assertHead(user, answer);
      const status = archived ? 'archived' : answer.publishedVersion !== null ? 'validated' : 'draft';
      if (status === answer.status) return;
      await manager.update(Answer, { id }, { status, updatedAt: now });
      await this.audit.record(
        user.id,
        archived ? 'answer.archived' : 'answer.restored',
        'answer',
        id,
        {},
        manager,
      );
    });
    return this.get(user, id);
  }

  private assertHead(user: AuthUser, answer: Answer): void {
    if (!headsService(user, answer.serviceId)) {
      throw new DomainError(
        'forbidden',
        'Seul le chef du service (ou un administrateur) valide ou archive ses réponses',
      );
    }
  }

  private async findInScope(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    lock = false,
  ): Promise<Answer> {
    if (!UUID_PATTERN.test(id)) throw answerNotFound();
    const answer = await manager.getRepository(Answer).findOne({
      where: { id },
      relations: { service: true },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const, tables: ['answers'] } } : {}),
    });
    if (!answer || !canAccessService(user, answer.serviceId)) throw answerNotFound();
    return answer;
  }

  private async detail(user: AuthUser, answer: Answer): Promise<AnswerDetail> {
    const versions = await this.db.getRepository(AnswerVersion).find({
      where: { answerId: answer.id },
      relations: { author: true, validatedBy: true },
    });
    return toAnswerDetail(answer, versions, headsService(user, answer.serviceId));
  }

  /** Words PostgreSQL can search for (a query of stop words or punctuation alone filters nothing). */
  private async hasSearchableWords(q: string): Promise<boolean> {
    const rows: Array<{ q: string | null }> = await this.db.query(
      `SELECT ${searchQuerySql('$1')}::text AS q`,
      [q],
    );
    return rows[0]?.q !== null && rows[0]?.q !== undefined;
  }
}
