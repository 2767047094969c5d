import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { CreateNoteRequest } from '../views.js';

export class CreateNoteDto implements CreateNoteRequest {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10000)
  body!: string;
}
