import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PLATFORMS, TICKET_PRIORITIES, type Platform, type TicketPriority } from '../enums.js';
import type { SlaPolicyRequest, SlaSettings } from '../sla.js';

/** A year of staffed minutes is far beyond any sensible target. */
const MAX_TARGET = 525_600;

export class SlaPolicyDto implements SlaPolicyRequest {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120)
  name!: string;

  @ValidateIf((_o, v) => v !== null)
  @IsIn(TICKET_PRIORITIES)
  priority!: TicketPriority | null;

  @ValidateIf((_o, v) => v !== null)
  @IsIn(PLATFORMS)
  platform!: Platform | null;

  @IsInt()
  @Min(1)
  @Max(MAX_TARGET)
  firstResponseMinutes!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_TARGET)
  nextResponseMinutes!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_TARGET)
  resolutionMinutes!: number;
}

export class ReorderDto {
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class SlaSettingsDto implements SlaSettings {
  @IsNumber()
  @Min(0.05)
  @Max(0.99)
  warningRatio!: number;
}
