import {
  ANSWER_STATUSES,
  ANSWER_SUITABILITIES,
  type AnswerStatus,
  type AnswerSuitability,
} from '@guichet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Service } from '../services/service.entity';
import { User } from '../users/user.entity';

/**
 * The search document: title (weight A), tags (B) and text (C), accents folded, French stems,
 * placeholders left out. `answer_search_document` is an IMMUTABLE SQL function over `unaccent`
 * created by the migration (unaccent itself is only STABLE, which a generated column refuses).
 */
export const ANSWER_SEARCH_EXPRESSION = 'answer_search_document("title", "tags", "body")';

/** A validated answer of a service: the row holds the text in use; its versions hold the history. */
@Entity({ name: 'answers' })
@Index('ix_answers_service_status', ['serviceId', 'status'])
export class Answer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id' })
  service: Service;

  @Column({ type: 'enum', enum: ANSWER_STATUSES, enumName: 'answer_status', default: 'draft' })
  status: AnswerStatus;

  /** The published version's text; before the first validation, the first draft's. */
  @Column({ type: 'varchar', length: 160 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'suitable_for', type: 'enum', enum: ANSWER_SUITABILITIES, enumName: 'answer_suitability' })
  suitableFor: AnswerSuitability;

  /** The version replies use (null until the first validation). */
  @Column({ name: 'published_version', type: 'integer', nullable: true })
  publishedVersion: number | null;

  /** The proposed version waiting for the head (null when there is none). */
  @Column({ name: 'draft_version', type: 'integer', nullable: true })
  draftVersion: number | null;

  @Column({ name: 'usage_count', type: 'integer', default: 0 })
  usageCount: number;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: User | null;

  // GIN index created by the migration (TypeORM cannot declare one): not managed here.
  @Index('ix_answers_search', { synchronize: false })
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: ANSWER_SEARCH_EXPRESSION,
    select: false,
    insert: false,
    update: false,
  })
  search: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
