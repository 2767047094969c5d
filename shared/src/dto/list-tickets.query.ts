import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { TICKET_STATUSES, type TicketStatus } from '../enums.js';

export class ListTicketsQuery {
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @IsUUID()
  serviceId?: string;

  /** `activity`: latest message first (default); `due`: the SLA clock due first, stopped clocks last. */
  @IsOptional()
  @IsIn(['activity', 'due'])
  sort?: 'activity' | 'due';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
