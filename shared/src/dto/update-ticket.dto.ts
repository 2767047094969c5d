import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../enums.js';
import type { UpdateTicketRequest } from '../views.js';

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
}
