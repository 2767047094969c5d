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
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import {
  ANSWER_BODY_MAX_LENGTH,
  ANSWER_MAX_TAGS,
  ANSWER_STATUSES,
  ANSWER_SUITABILITIES,
  ANSWER_TAG_MAX_LENGTH,
  ANSWER_TITLE_MAX_LENGTH,
  parseTemplate,
  type AnswerStatus,
  type AnswerSuitability,
  type CreateAnswerRequest,
  type UpdateAnswerRequest,
  type ValidateAnswerRequest,
} from '../answers.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Tags are compared as typed by nobody in particular: trimmed, lower-case, once each. */
const normaliseTags = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [
        ...new Set(value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLocaleLowerCase('fr') : v))),
      ].filter((v) => v !== '')
    : value;

/** Text whose braces only ever write placeholders such as {prenom}; the message names the field. */
function IsAnswerTemplate() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAnswerTemplate',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || parseTemplate(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const parsed = parseTemplate(typeof args?.value === 'string' ? args.value : '');
          return `${args?.property ?? propertyName}: ${parsed.ok ? 'invalid template' : parsed.error}`;
        },
      },
    });
}

export class CreateAnswerDto implements CreateAnswerRequest {
  @IsUUID()
  serviceId!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(ANSWER_TITLE_MAX_LENGTH)
  title!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(ANSWER_BODY_MAX_LENGTH)
  @IsAnswerTemplate()
  body!: string;

  @IsOptional()
  @Transform(normaliseTags)
  @IsArray()
  @ArrayMaxSize(ANSWER_MAX_TAGS)
  @IsString({ each: true })
  @MaxLength(ANSWER_TAG_MAX_LENGTH, { each: true })
  tags?: string[];

  @IsIn(ANSWER_SUITABILITIES)
  suitableFor!: AnswerSuitability;
}

export class UpdateAnswerDto implements UpdateAnswerRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(ANSWER_TITLE_MAX_LENGTH)
  title?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(ANSWER_BODY_MAX_LENGTH)
  @IsAnswerTemplate()
  body?: string;

  @IsOptional()
  @Transform(normaliseTags)
  @IsArray()
  @ArrayMaxSize(ANSWER_MAX_TAGS)
  @IsString({ each: true })
  @MaxLength(ANSWER_TAG_MAX_LENGTH, { each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(ANSWER_SUITABILITIES)
  suitableFor?: AnswerSuitability;
}

export class ValidateAnswerDto implements ValidateAnswerRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListAnswersQuery {
  /** Words of the title, tags or text (accents and plurals do not matter). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @IsOptional()
  @IsIn(ANSWER_STATUSES)
  status?: AnswerStatus;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(ANSWER_TAG_MAX_LENGTH)
  tag?: string;

  /** Only answers with a proposed version waiting for the head. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  awaitingValidation?: boolean;

  /** Only answers usable for this audience (`both` always fits). */
  @IsOptional()
  @IsIn(['public', 'private'])
  audience?: 'public' | 'private';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class AnswerSuggestionsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
}

export class AnswerTagsQuery {
  @IsOptional()
  @IsUUID()
  serviceId?: string;
}
