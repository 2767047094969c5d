import { ASSIGNMENT_MODES, type AssignmentMode } from '@guichet/shared';
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

  /** Words citizens may look the service up by (Open311 `keywords`); routing uses rules, not these. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** Listed in the public Open311 API and the contact form (the triage service never is). */
  @Column({ name: 'open311_listed', type: 'boolean', default: true })
  open311Listed: boolean;

  /** The Open311 `group` the service is listed under. */
  @Column({ name: 'open311_group', type: 'varchar', length: 80, default: 'Ville' })
  open311Group: string;

  /** manual, or round_robin: new and re-routed tickets go in turn to the agents on shift. */
  @Column({
    name: 'assignment_mode',
    type: 'enum',
    enum: ASSIGNMENT_MODES,
    enumName: 'service_assignment_mode',
    default: 'manual',
  })
  assignmentMode: AssignmentMode;

  /** Open tickets of this service one agent may hold before round-robin skips them (null: no cap). */
  @Column({ name: 'max_open_per_agent', type: 'integer', nullable: true })
  maxOpenPerAgent: number | null;

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
