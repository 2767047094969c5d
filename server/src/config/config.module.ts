import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_SECRETS = Symbol('APP_SECRETS');

/** Keys derived from SECRET_KEY, one per purpose. */
export interface AppSecrets {
  sessionKey: Buffer;
  credentialsKey: Buffer;
}

/** Makes the validated configuration injectable as `@Inject(APP_CONFIG)`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, secrets: AppSecrets): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_SECRETS, useValue: secrets },
      ],
      exports: [APP_CONFIG, APP_SECRETS],
    };
  }
}
