import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Service } from '../services/service.entity';

/**
 * A labelled message that is not a ticket: the demo corpus a town starts from (cold start). Tickets
 * whose service an agent set or confirmed are read from the tickets themselves.
 */
@Entity({ name: 'classifier_examples' })
export class ClassifierExample {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  text: string;

  @Index('ix_classifier_examples_service')
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id' })
  service: Service;

  /** Where it comes from, e.g. « corpus ». */
  @Column({ type: 'varchar', length: 32 })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
