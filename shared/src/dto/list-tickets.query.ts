import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TICKET_TAG_PATTERN, TICKET_TAGS_MAX } from './update-ticket.dto.js';
import {
  PLATFORMS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_VIEWS,
  type Platform,
  type TicketPriority,
  type TicketStatus,
  type TicketView,
} from '../enums.js';

/** `a,b` or repeated parameters (`?status=a&status=b`) give a list. */
const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter((v) => v !== '') : value;

export class ListTicketsQuery {
  /**
   * mine: assigned to me; services: my services' tickets (default); unassigned: nobody's yet;
   * due: a clock past its warning share or overdue; approval: a reply waits for approval; all: every
   * service (admins).
   */
  @IsOptional()
  @IsIn(TICKET_VIEWS)
  view?: TicketView;

  @IsOptional()
  @Transform(list)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @IsOptional()
  @Transform(list)
  @IsIn(TICKET_PRIORITIES, { each: true })
  priority?: TicketPriority[];

  @IsOptional()
  @Transform(list)
  @IsIn(PLATFORMS, { each: true })
  platform?: Platform[];

  /** Tickets carrying any of these tags. */
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(TICKET_TAGS_MAX)
  @Matches(TICKET_TAG_PATTERN, { each: true, message: 'tag: each tag is 1 to 40 characters, without commas' })
  tag?: string[];

  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  /** Words searched in the citizens' and agents' messages (French stemming, accents ignored). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

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

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}
