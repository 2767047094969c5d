import type { ClassifierMetrics, ClassifierStatus } from '@guichet/shared';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ClassifierJson } from '../domain/classifier';

export type TrainingTrigger = NonNullable<ClassifierStatus['trigger']>;

/** The town's text classifier, shared by every instance (one row). */
@Entity({ name: 'classifier_models' })
export class ClassifierModelRecord {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  key: string;

  @Column({ type: 'jsonb' })
  model: ClassifierJson;

  /** Grows with every change (training or one learnt label): instances reload the model when it moves. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'training_examples', type: 'integer' })
  trainingExamples: number;

  /** Labels learnt one at a time since the last full training (agents' re-routes). */
  @Column({ name: 'learned_since', type: 'integer', default: 0 })
  learnedSince: number;

  /** Cross-validated quality on the training examples; service ids, not names. */
  @Column({ type: 'jsonb', nullable: true })
  metrics: ClassifierMetrics | null;

  @Column({ type: 'varchar', length: 16 })
  trigger: TrainingTrigger;

  @Column({ name: 'trained_at', type: 'timestamptz' })
  trainedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
