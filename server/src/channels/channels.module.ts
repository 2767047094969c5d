import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { ChannelsService } from './channels.service';
import { MetaWebhookController } from './meta/meta-webhook.controller';

@Module({
  imports: [TicketsModule],
  controllers: [MetaWebhookController],
  providers: [ChannelsService],
  exports: [ChannelsService],
})
export class ChannelsModule {}
