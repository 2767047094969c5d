import { PLATFORMS, TICKET_PRIORITIES, type Platform, type TicketPriority } from '@guichet/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Response and resolution targets, in business minutes; the first matching policy (by position) applies. */
@Entity({ name: 'sla_policies' })
export class SlaPolicy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'enum', enum: TICKET_PRIORITIES, enumName: 'sla_policy_priority', nullable: true })
  priority: TicketPriority | null;

  @Column({ type: 'enum', enum: PLATFORMS, enumName: 'sla_policy_platform', nullable: true })
  platform: Platform | null;

  @Column({ name: 'first_response_minutes', type: 'integer' })
  firstResponseMinutes: number;

  @Column({ name: 'next_response_minutes', type: 'integer' })
  nextResponseMinutes: number;

  @Column({ name: 'resolution_minutes', type: 'integer' })
  resolutionMinutes: number;
}
