import { createHmac } from 'node:crypto';
import type { AppSecrets } from '../config/config.module';
import { FIELD_MAX } from './open311-input';

/** What the town's contact form needs before it can post: its key and the server's length limits. */
export interface WebFormSettings {
  api_key: string;
  limits: typeof FIELD_MAX;
}

/**
 * The contact form's Open311 key. It is public (any visitor's browser reads it), so it proves
 * nothing about the sender: it only lets the form post without a key pasted into the setup, and the
 * per-address rate limits, validation and idempotency do the protecting. Derived from SECRET_KEY,
 * so every instance agrees on it and it survives restarts.
 */
export function webFormKey(secrets: AppSecrets): string {
  const mac = createHmac('sha256', secrets.sessionKey).update('guichet:open311-web-form').digest('base64url');
  return `formulaire-web-${mac.slice(0, 32)}`;
}
