import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ApprovalPolicy, ApproveReplyRequest, RejectReplyRequest } from '../approvals.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ElectoralReserveDto {
  @Matches(ISO_DAY, { message: 'electoralReserve.from must be a date YYYY-MM-DD' })
  from!: string;

  @Matches(ISO_DAY, { message: 'electoralReserve.to must be a date YYYY-MM-DD' })
  to!: string;
}

/** Body of `PUT /api/approval/settings`; keywords are further checked by the domain (every bad one named). */
export class ApprovalPolicyDto implements ApprovalPolicy {
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'keywords must not contain an empty keyword' })
  @MaxLength(100, { each: true })
  keywords!: string[];

  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'sensitiveContactTags must not contain an empty tag' })
  @MaxLength(50, { each: true })
  sensitiveContactTags!: string[];

  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'publicReplyTags must not contain an empty tag' })
  @MaxLength(50, { each: true })
  publicReplyTags!: string[];

  @IsBoolean()
  freeTextNeedsApproval!: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => ElectoralReserveDto)
  electoralReserve!: ElectoralReserveDto | null;
}

export class ApproveReplyDto implements ApproveReplyRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10000)
  body?: string;
}

export class RejectReplyDto implements RejectReplyRequest {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'comment must not be empty: tell the author why' })
  @MaxLength(2000)
  comment!: string;
}
