import type { RuleActions, RuleConditions } from '../domain/routing';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A routing rule as administrators order it; checked by the domain's validateRoutingRule before saving. */
@Entity({ name: 'routing_rules' })
export class RoutingRuleRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Rules are tried by increasing position (1 first). */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** A matching rule lets the following ones be tried too. */
  @Column({ name: 'continues', type: 'boolean', default: false })
  continues: boolean;

  @Column({ type: 'jsonb' })
  conditions: RuleConditions;

  @Column({ type: 'jsonb' })
  actions: RuleActions;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
