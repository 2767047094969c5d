import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnswersModule } from './answers/answers.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import type { AppConfig } from './config/app-config';
import { ApprovalsModule } from './approvals/approvals.module';
import { ConfigModule, type AppSecrets } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import type { DataSource } from 'typeorm';
import { HealthController } from './health/health.controller';
import { NotificationsModule } from './notifications/notifications.module';
import { Open311Module } from './open311/open311.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RoutingModule } from './routing/routing.module';
import { ServicesModule } from './services/services.module';
import { SlaModule } from './sla/sla.module';
import { TicketsModule } from './tickets/tickets.module';
import { ContactsModule } from './contacts/contacts.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** `dataSource` is initialised and migrated by the caller; Nest owns it from here and closes it. */
  static register(config: AppConfig, secrets: AppSecrets, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, secrets),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: () => Promise.resolve(dataSource),
        }),
        AuditModule,
        AuthModule,
        RealtimeModule,
        TicketsModule,
        ContactsModule,
        ChannelsModule,
        DashboardModule,
        NotificationsModule,
        SlaModule,
        ServicesModule,
        UsersModule,
        RoutingModule,
        Open311Module,
        AnswersModule,
        ApprovalsModule,
      ],
      controllers: [HealthController],
    };
  }
}
