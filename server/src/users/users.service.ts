import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BusinessCalendarDto, UserView } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { validateCalendar } from '../domain/sla';
import { toCalendarDto } from '../services/calendar-dto';
import { User } from './user.entity';

const canEditShift = (user: AuthUser, userId: string) => user.role === 'admin' || user.id === userId;

/** People as administrators manage them for services, and each person's own shift. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.db.getRepository(User).find({ order: { displayName: 'ASC', id: 'ASC' } });
    return users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      role: u.role,
      active: u.active,
      hasOwnCalendar: u.calendar !== null,
    }));
  }

  /** null: the person follows their services' hours. */
  async shift(user: AuthUser, userId: string): Promise<{ calendar: BusinessCalendarDto | null }> {
    if (!canEditShift(user, userId)) throw notFound('User');
    const person = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!person) throw notFound('User');
    return { calendar: person.calendar ? toCalendarDto(person.calendar) : null };
  }

  /** Checked field by field like a service's calendar; round-robin then only picks the person inside it. */
  async saveShift(
    user: AuthUser,
    userId: string,
    input: unknown,
  ): Promise<{ calendar: BusinessCalendarDto | null }> {
    if (!canEditShift(user, userId)) throw notFound('User');
    const result = validateCalendar(input);
    if (!result.ok) {
      const details = result.errors.map((e) => `${e.field || 'calendar'}: ${e.message}`);
      throw new DomainError('invalid', details.join('; '), details);
    }
    const calendar = toCalendarDto(result.calendar);
    await this.store(user, userId, calendar);
    return { calendar };
  }

  async clearShift(user: AuthUser, userId: string): Promise<{ calendar: null }> {
    if (!canEditShift(user, userId)) throw notFound('User');
    await this.store(user, userId, null);
    return { calendar: null };
  }

  private async store(user: AuthUser, userId: string, calendar: BusinessCalendarDto | null): Promise<void> {
    await this.db.transaction(async (manager) => {
      const result = await manager.update(User, { id: userId }, { calendar });
      if (!result.affected) throw notFound('User');
      await this.audit.record(user.id, 'user.shift_updated', 'user', userId, { calendar }, manager);
    });
  }
}
