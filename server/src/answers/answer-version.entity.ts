import {
  ANSWER_SUITABILITIES,
  ANSWER_VERSION_STATES,
  type AnswerSuitability,
  type AnswerVersionState,
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
import { User } from '../users/user.entity';
import { Answer } from './answer.entity';

/** One text of an answer: a draft until validated, then kept unchanged as history (who, when, what). */
@Entity({ name: 'answer_versions' })
@Index('uq_answer_versions_answer_version', ['answerId', 'version'], { unique: true })
export class AnswerVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'answer_id', type: 'uuid' })
  answerId: string;

  @ManyToOne(() => Answer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'answer_id' })
  answer: Answer;

  /** 1, 2, 3… in the order they were proposed. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'enum', enum: ANSWER_VERSION_STATES, enumName: 'answer_version_state', default: 'draft' })
  state: AnswerVersionState;

  @Column({ type: 'varchar', length: 160 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'suitable_for', type: 'enum', enum: ANSWER_SUITABILITIES, enumName: 'answer_suitability' })
  suitableFor: AnswerSuitability;

  /** Who wrote (last edited) this text. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author: User | null;

  @Column({ name: 'validated_by_id', type: 'uuid', nullable: true })
  validatedById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'validated_by_id' })
  validatedBy: User | null;

  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
