import { IsIn, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { PLATFORMS, type Platform } from '../enums.js';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateChannelAccountDto {
  @IsIn(PLATFORMS)
  platform!: Platform;

  /** The account's id on the platform (Page id, Instagram account id, Mastodon account id, X user id). */
  @IsString()
  @Matches(/^[A-Za-z0-9_.:@-]{1,128}$/, {
    message: 'externalId must be the platform id (letters, digits, _ . : @ -)',
  })
  externalId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** The instance URL for Mastodon; omitted for platforms with a configured base URL. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(300)
  baseUrl?: string;

  /** Tokens and secrets: stored encrypted, never returned. */
  @IsObject()
  credentials!: Record<string, string>;
}

export class UpdateChannelAccountDto {
  @IsOptional()
  @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(300)
  baseUrl?: string;

  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;
}
