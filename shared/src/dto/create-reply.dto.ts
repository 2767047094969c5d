import type { CreateReplyRequest } from '../views.js';
import { IsInt, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';

export class CreateReplyDto implements CreateReplyRequest {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10000)
  body!: string;

  // The answer and its version come together, or not at all.
  @ValidateIf((o: CreateReplyDto) => o.answerId !== undefined || o.answerVersion !== undefined)
  @IsUUID()
  answerId?: string;

  @ValidateIf((o: CreateReplyDto) => o.answerId !== undefined || o.answerVersion !== undefined)
  @IsInt()
  @Min(1)
  answerVersion?: number;
}
