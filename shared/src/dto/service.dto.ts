import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ASSIGNMENT_MODES,
  SERVICE_MEMBER_ROLES,
  type AssignmentMode,
  type ServiceMemberRole,
  type ServiceMembersRequest,
  type ServiceRequest,
} from '../services.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value;

/** Open311 `service_code`: lower-case letters, digits and dashes. */
export const SERVICE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export class ServiceDto implements ServiceRequest {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120)
  name!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(SERVICE_SLUG_PATTERN, {
    message: 'slug must be lower-case letters, digits and dashes (at most 64)',
  })
  slug?: string;

  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  description!: string;

  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each keyword must not be empty' })
  @MaxLength(100, { each: true })
  keywords!: string[];

  @IsBoolean()
  open311Listed!: boolean;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'open311Group must not be empty' })
  @MaxLength(80)
  open311Group!: string;

  @IsIn(ASSIGNMENT_MODES)
  assignmentMode!: AssignmentMode;

  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxOpenPerAgent!: number | null;
}

export class ServiceMemberDto {
  @IsUUID()
  userId!: string;

  @IsIn(SERVICE_MEMBER_ROLES)
  role!: ServiceMemberRole;
}

export class ServiceMembersDto implements ServiceMembersRequest {
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ServiceMemberDto)
  members!: ServiceMemberDto[];
}
