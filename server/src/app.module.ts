import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule, type AppSecrets } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { dataSourceOptions, type DatabaseTarget } from './database/data-source-options';
import { RealtimeModule } from './realtime/realtime.module';
import { TicketsModule } from './tickets/tickets.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, secrets: AppSecrets, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, secrets),
        TypeOrmModule.forRoot(dataSourceOptions(database)),
        AuditModule,
        AuthModule,
        RealtimeModule,
        TicketsModule,
        ChannelsModule,
        DashboardModule,
      ],
    };
  }
}
