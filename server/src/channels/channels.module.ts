import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { ChannelPollService } from './channel-poll.service';
import { ChannelPollWorker } from './channel-poll.worker';
import { ChannelsService } from './channels.service';
import { MetaWebhookController } from './meta/meta-webhook.controller';

@Module({
  imports: [TicketsModule],
  controllers: [MetaWebhookController],
  providers: [ChannelsService, ChannelPollService, ChannelPollWorker],
  exports: [ChannelsService, ChannelPollService],
})
export class ChannelsModule {}
