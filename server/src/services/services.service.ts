import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BusinessCalendarDto, ServiceView } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canAccessService, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { validateCalendar, type BusinessCalendar } from '../domain/sla';
import { SlaClockService } from '../sla/sla-clock.service';
import { Service } from './service.entity';

const canEditCalendar = (user: AuthUser, serviceId: string) =>
  user.role === 'admin' || (user.role === 'service_head' && user.serviceIds.includes(serviceId));

/** The stored calendar with every optional field spelled out, as the API returns it. */
function toCalendarDto(c: BusinessCalendar): BusinessCalendarDto {
  return {
    timeZone: c.timeZone,
    hours: {
      mon: c.hours.mon.map(([o, cl]) => [o, cl]),
      tue: c.hours.tue.map(([o, cl]) => [o, cl]),
      wed: c.hours.wed.map(([o, cl]) => [o, cl]),
      thu: c.hours.thu.map(([o, cl]) => [o, cl]),
      fri: c.hours.fri.map(([o, cl]) => [o, cl]),
      sat: c.hours.sat.map(([o, cl]) => [o, cl]),
      sun: c.hours.sun.map(([o, cl]) => [o, cl]),
    },
    holidays: [...(c.holidays ?? [])],
    frenchHolidays: c.frenchHolidays ?? null,
    closures: (c.closures ?? []).map(([f, t]) => [f, t]),
  };
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
    return services.map((s) => ({
      id: s.id,
      slug: s.slug,
      name: s.name,
      description: s.description,
      isTriage: s.isTriage,
      isMember: canAccessService(user, s.id),
      canEditCalendar: canEditCalendar(user, s.id),
    }));
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
    if (!canEditCalendar(user, serviceId)) {
      throw new DomainError(
        'forbidden',
        'Seul le responsable du service ou un administrateur modifie ses horaires',
      );
    }
    const result = validateCalendar(input);
    if (!result.ok) {
      const details = result.errors.map((e) => `${e.field || 'calendar'}: ${e.message}`);
      throw new DomainError('invalid', details.join('; '), details);
    }
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
}
