import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../enums.js';
import type { UpdateTicketRequest } from '../views.js';

export const REROUTE_REASON_MAX = 500;

export class UpdateTicketDto implements UpdateTicketRequest {
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(REROUTE_REASON_MAX)
  reason?: string;

  /** null unassigns (IsOptional lets null through, and the service tells null from absent). */
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}
