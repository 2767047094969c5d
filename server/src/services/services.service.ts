import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  BusinessCalendarDto,
  ServiceMemberView,
  ServiceMembersRequest,
  ServiceRequest,
  ServiceView,
} from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canAccessService, headsService, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { foldAccents } from '../domain/classifier';
import { DEFAULT_SERVICE_CALENDAR, validateCalendar, type BusinessCalendar } from '../domain/sla';
import { SlaClockService } from '../sla/sla-clock.service';
import { User } from '../users/user.entity';
import { toCalendarDto } from './calendar-dto';
import { Service } from './service.entity';
import { isOnShift } from './shift';

const invalid = (details: string[]) => new DomainError('invalid', details.join('; '), details);

/** « État civil » → « etat-civil »: the Open311 service_code a new service gets by default. */
export function slugify(name: string): string {
  return foldAccents(name.toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

@Injectable()
export class ServicesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clocks: SlaClockService,
    private readonly audit: AuditService,
  ) {}

  /** Every service, so an agent can move a ticket to the right one; membership says which are theirs. */
  async list(user: AuthUser): Promise<ServiceView[]> {
    const services = await this.db.getRepository(Service).find({ order: { name: 'ASC' } });
    return services.map((s) => this.toView(user, s));
  }

  async create(user: AuthUser, dto: ServiceRequest): Promise<ServiceView> {
    return this.db.transaction(async (manager) => {
      const slug = dto.slug ?? slugify(dto.name);
      if (!slug) throw invalid(['slug: give a code (the name has no letter or digit to derive it from)']);
      await this.checkSlugFree(manager, slug, null);
      const saved = await manager.save(
        manager.create(Service, {
          ...this.fields(dto),
          slug,
          isTriage: false,
          calendar: DEFAULT_SERVICE_CALENDAR,
        }),
      );
      await this.audit.record(user.id, 'service.created', 'service', saved.id, { ...dto, slug }, manager);
      return this.toView(user, saved);
    });
  }

  async update(user: AuthUser, id: string, dto: ServiceRequest): Promise<ServiceView> {
    return this.db.transaction(async (manager) => {
      const service = await manager
        .getRepository(Service)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!service) throw notFound('Service');
      if (service.isTriage && dto.open311Listed) {
        throw invalid(['open311Listed: the triage service is internal and never listed']);
      }
      const slug = dto.slug ?? service.slug;
      if (slug !== service.slug) await this.checkSlugFree(manager, slug, id);
      const changes = { ...this.fields(dto), slug };
      await manager.update(Service, { id }, changes);
      await this.audit.record(user.id, 'service.updated', 'service', id, { ...changes }, manager);
      return this.toView(user, { ...service, ...changes });
    });
  }

  /** The people of a service, for administrators and the service's own members (to assign a ticket). */
  async members(user: AuthUser, serviceId: string, now: Date = new Date()): Promise<ServiceMemberView[]> {
    const service = await this.db.getRepository(Service).findOneBy({ id: serviceId });
    if (!service || !canAccessService(user, serviceId)) throw notFound('Service');
    return this.memberViews(this.db.manager, service, now);
  }

  /**
   * Replaces the members at once. A person keeps their place in the round-robin when they stay; a
   * service head must hold a service head's account; elected officials belong to no service.
   */
  async saveMembers(
    user: AuthUser,
    serviceId: string,
    dto: ServiceMembersRequest,
    now: Date = new Date(),
  ): Promise<ServiceMemberView[]> {
    return this.db.transaction(async (manager) => {
      const service = await manager
        .getRepository(Service)
        .findOne({ where: { id: serviceId }, lock: { mode: 'pessimistic_write' } });
      if (!service) throw notFound('Service');
      const ids = dto.members.map((m) => m.userId);
      const users = new Map(
        (ids.length ? await manager.getRepository(User).findBy(ids.map((id) => ({ id }))) : []).map((u) => [
          u.id,
          u,
        ]),
      );
      const errors: string[] = [];
      const seen = new Set<string>();
      dto.members.forEach((m, i) => {
        const person = users.get(m.userId);
        if (!person) errors.push(`members[${i}].userId: unknown user`);
        else if (seen.has(m.userId)) errors.push(`members[${i}].userId: listed twice`);
        else if (person.role === 'elected' || person.role === 'admin')
          errors.push(
            `members[${i}].userId: ${person.role === 'admin' ? 'administrators see every service already' : 'elected officials belong to no service'}`,
          );
        else if (m.role === 'service_head' && person.role !== 'service_head')
          errors.push(
            `members[${i}].role: ${person.displayName} has an agent account; only a service head account can head a service`,
          );
        seen.add(m.userId);
      });
      if (errors.length > 0) throw invalid(errors);
      await manager.query(
        'DELETE FROM user_services WHERE service_id = $1 AND NOT (user_id = ANY($2::uuid[]))',
        [serviceId, ids],
      );
      if (ids.length > 0) {
        await manager.query(
          `INSERT INTO user_services (user_id, service_id, role)
           SELECT v.user_id, $1, v.role::service_member_role FROM unnest($2::uuid[], $3::text[]) AS v(user_id, role)
           ON CONFLICT (user_id, service_id) DO UPDATE SET role = EXCLUDED.role`,
          [serviceId, ids, dto.members.map((m) => m.role)],
        );
      }
      await this.audit.record(
        user.id,
        'service.members_updated',
        'service',
        serviceId,
        { members: dto.members },
        manager,
      );
      return this.memberViews(manager, service, now);
    });
  }

  async calendar(user: AuthUser, serviceId: string): Promise<BusinessCalendarDto> {
    const service = await this.db.getRepository(Service).findOneBy({ id: serviceId });
    if (!service || !canAccessService(user, serviceId)) throw notFound('Service');
    return toCalendarDto(service.calendar);
  }

  /** Validates the whole calendar first: a 400 names every bad field and leaves the old one in force. */
  async saveCalendar(user: AuthUser, serviceId: string, input: unknown): Promise<BusinessCalendarDto> {
    const service = await this.db.getRepository(Service).findOneBy({ id: serviceId });
    if (!service || !canAccessService(user, serviceId)) throw notFound('Service');
    if (!headsService(user, serviceId)) {
      throw new DomainError(
        'forbidden',
        'Seul le responsable du service ou un administrateur modifie ses horaires',
      );
    }
    const result = validateCalendar(input);
    if (!result.ok) throw invalid(result.errors.map((e) => `${e.field || 'calendar'}: ${e.message}`));
    const calendar = toCalendarDto(result.calendar);
    await this.db.transaction(async (manager) => {
      await manager.update(Service, { id: serviceId }, { calendar });
      await this.audit.record(
        user.id,
        'service.calendar_updated',
        'service',
        serviceId,
        { calendar },
        manager,
      );
      // Deadlines move with the staffed hours.
      await this.clocks.recomputeOpen(manager, serviceId);
    });
    return calendar;
  }

  private fields(dto: ServiceRequest) {
    return {
      name: dto.name,
      description: dto.description,
      keywords: [...new Set(dto.keywords)],
      open311Listed: dto.open311Listed,
      open311Group: dto.open311Group,
      assignmentMode: dto.assignmentMode,
      maxOpenPerAgent: dto.maxOpenPerAgent,
    };
  }

  private async checkSlugFree(manager: EntityManager, slug: string, except: string | null): Promise<void> {
    const other = await manager.getRepository(Service).findOneBy({ slug });
    if (other && other.id !== except) throw invalid([`slug: already the code of « ${other.name} »`]);
  }

  private toView(user: AuthUser, s: Service): ServiceView {
    return {
      id: s.id,
      slug: s.slug,
      name: s.name,
      description: s.description,
      isTriage: s.isTriage,
      keywords: s.keywords,
      open311Listed: s.open311Listed && !s.isTriage,
      open311Group: s.open311Group,
      assignmentMode: s.assignmentMode,
      maxOpenPerAgent: s.maxOpenPerAgent,
      isMember: user.serviceIds.includes(s.id),
      isHead: user.headOfServiceIds.includes(s.id),
      canEditCalendar: headsService(user, s.id),
      canManage: user.role === 'admin',
    };
  }

  private async memberViews(
    manager: EntityManager,
    service: Service,
    now: Date,
  ): Promise<ServiceMemberView[]> {
    const rows: Array<{
      user_id: string;
      display_name: string;
      email: string;
      account_role: ServiceMemberView['accountRole'];
      active: boolean;
      calendar: BusinessCalendar | null;
      role: ServiceMemberView['role'];
      open_tickets: number;
    }> = await manager.query(
      `SELECT u.id AS user_id, u.display_name, u.email, u.role AS account_role, u.active, u.calendar, m.role,
              (SELECT count(*)::int FROM tickets t
                WHERE t.assignee_id = u.id AND t.service_id = m.service_id
                  AND t.status NOT IN ('resolved', 'closed')) AS open_tickets
         FROM user_services m JOIN users u ON u.id = m.user_id
        WHERE m.service_id = $1
        ORDER BY u.display_name, u.id`,
      [service.id],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      accountRole: r.account_role,
      role: r.role,
      active: r.active,
      hasOwnCalendar: r.calendar !== null,
      onShift: r.active && isOnShift(r.calendar, service.calendar, now),
      openTickets: r.open_tickets,
    }));
  }
}
