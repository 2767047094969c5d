import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ChannelAccountsController } from './channel-accounts.controller';
import { ChannelAccountsService } from './channel-accounts.service';
import { ChannelPollService } from './channel-poll.service';
import { ChannelPollWorker } from './channel-poll.worker';
import { ChannelsService } from './channels.service';
import { MastodonStreamsService } from './mastodon-streams.service';
import { MetaWebhookController } from './meta/meta-webhook.controller';

@Module({
  imports: [TicketsModule, AuditModule],
  controllers: [MetaWebhookController, ChannelAccountsController],
  providers: [
    ChannelsService,
    ChannelPollService,
    ChannelPollWorker,
    ChannelAccountsService,
    MastodonStreamsService,
  ],
  exports: [ChannelsService, ChannelPollService],
})
export class ChannelsModule {}
