import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessCalendar } from '../domain/sla';

/** A municipal service (Voirie, Propreté…): tickets are routed to one, agents belong to several. */
@Entity({ name: 'services' })
export class Service {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Words that send a message here, until the routing engine replaces this rule. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** Staffed hours: the SLA clocks of the service's tickets only run inside them. */
  // No column default: PostgreSQL versions print jsonb defaults differently. New services start
  // from DEFAULT_SERVICE_CALENDAR (domain/sla).
  @Column({ type: 'jsonb' })
  calendar: BusinessCalendar;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** The service that receives what no rule routes (Accueil). */
  @Column({ name: 'is_triage', type: 'boolean', default: false })
  isTriage: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
