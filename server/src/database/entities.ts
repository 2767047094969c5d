import { Answer } from '../answers/answer.entity';
import { AnswerVersion } from '../answers/answer-version.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Session } from '../auth/session.entity';
import { Notification } from '../notifications/notification.entity';
import { Setting } from '../settings/setting.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { TicketSlaClock } from '../sla/ticket-sla-clock.entity';
import { TicketStatusChange } from '../tickets/ticket-status-change.entity';
import { ChannelAccount } from '../channels/channel-account.entity';
import { RateLimitBucket } from '../common/rate-limit/rate-limit-bucket.entity';
import { Contact } from '../contacts/contact.entity';
import { Service } from '../services/service.entity';
import { Message } from '../tickets/message.entity';
import { InboundEventRecord } from '../tickets/inbound-event-record.entity';
import { Ticket } from '../tickets/ticket.entity';
import { TicketSearchDocument } from '../tickets/ticket-search.entity';
import { User } from '../users/user.entity';
import { ServiceMember } from '../services/service-member.entity';
import { RoutingRuleRecord } from '../routing/routing-rule.entity';
import { ClassifierModelRecord } from '../routing/classifier-model.entity';
import { ClassifierExample } from '../routing/classifier-example.entity';

/** Every entity, in one list shared by the app, the migration tools and the tests. */
export const ENTITIES = [
  Service,
  User,
  ChannelAccount,
  Contact,
  Ticket,
  Message,
  TicketSearchDocument,
  AuditEvent,
  RateLimitBucket,
  Session,
  SlaPolicy,
  TicketSlaClock,
  TicketStatusChange,
  Setting,
  Notification,
  InboundEventRecord,
  ServiceMember,
  RoutingRuleRecord,
  ClassifierModelRecord,
  ClassifierExample,
  Answer,
  AnswerVersion,
];
