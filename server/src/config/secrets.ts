import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AppConfig } from './app-config';
import type { AppSecrets } from './config.module';

/**
 * SECRET_KEY when set; otherwise a key generated once and kept in the data folder, so sessions and
 * encrypted credentials survive a restart; tests get a fresh one per process.
 */
export function resolveSecretKey(config: AppConfig): string {
  if (config.secretKey) return config.secretKey;
  if (config.nodeEnv === 'test') return randomBytes(32).toString('hex');
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export function deriveSecrets(secretKey: string): AppSecrets {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secretKey, 'guichet', purpose, 32));
  return { sessionKey: derive('session-token'), credentialsKey: derive('channel-credentials') };
}
