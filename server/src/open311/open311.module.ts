import { Module } from '@nestjs/common';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { TicketsModule } from '../tickets/tickets.module';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';

/** The public Open311 GeoReport v2 API under /open311/v2 (outside the /api prefix). */
@Module({
  imports: [RateLimitModule, TicketsModule],
  controllers: [Open311Controller],
  providers: [Open311Service],
})
export class Open311Module {}
