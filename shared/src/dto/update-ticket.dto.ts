import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../enums.js';
import type { UpdateTicketRequest } from '../views.js';

export const REROUTE_REASON_MAX = 500;
/** A tag: a short label without commas (lists of tags travel as `a,b` in inbox URLs). */
export const TICKET_TAG_PATTERN = /^[^,]{1,40}$/;
export const TICKET_TAGS_MAX = 20;

/** Trimmed, empty ones and duplicates dropped (case kept: « Presse » and « presse » are one tag). */
export function normalizeTags(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const seen = new Map<unknown, unknown>();
  for (const item of value as unknown[]) {
    const tag = typeof item === 'string' ? item.trim() : item;
    if (tag === '') continue;
    const key = typeof tag === 'string' ? tag.toLocaleLowerCase('fr') : tag;
    if (!seen.has(key)) seen.set(key, tag);
  }
  return [...seen.values()];
}

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

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => normalizeTags(value))
  @IsArray()
  @ArrayMaxSize(TICKET_TAGS_MAX)
  @IsString({ each: true })
  @Matches(TICKET_TAG_PATTERN, {
    each: true,
    message: 'tags: each tag is 1 to 40 characters, without commas',
  })
  tags?: string[];
}
