import type { Platform } from './enums.js';

/** Longest reply each platform accepts, in characters. */
export const REPLY_MAX_LENGTH: Record<Platform, number> = {
  facebook: 8000,
  instagram: 2200,
  mastodon: 500,
  x: 280,
  open311: 10000,
};

export const AUTH_COOKIE = 'guichet_session';
