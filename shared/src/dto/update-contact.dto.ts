import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  CONTACT_SEARCH_MAX_LENGTH,
  CONTACT_SEARCH_MIN_LENGTH,
  CONTACT_TAG_MAX_LENGTH,
  CONTACT_TAGS_MAX,
  normalizeContactTag,
  type UpdateContactRequest,
} from '../contacts.js';

/** Normalises each tag and drops duplicates; anything else is left for the validators to refuse. */
const normalizeTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? [...new Set(value.map(normalizeContactTag))]
    : value;

export class UpdateContactDto implements UpdateContactRequest {
  @Transform(normalizeTags)
  @IsArray()
  @ArrayMaxSize(CONTACT_TAGS_MAX)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each tag must not be empty' })
  @MaxLength(CONTACT_TAG_MAX_LENGTH, { each: true })
  // No commas (they separate tags when typed) and no control characters.
  @Matches(/^[^,\p{Cc}\p{Cf}]*$/u, {
    each: true,
    message: 'a tag may not contain commas or control characters',
  })
  tags!: string[];
}

export class SearchContactsQuery {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(CONTACT_SEARCH_MIN_LENGTH)
  @MaxLength(CONTACT_SEARCH_MAX_LENGTH)
  q!: string;
}
