import { PLATFORMS, type Platform } from '@guichet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A citizen, identified by their handle on one platform. */
@Entity({ name: 'contacts' })
@Unique('uq_contacts_platform_user', ['platform', 'platformUserId'])
// Trigram index over contact_search_text(display_name, handle, platform_user_id), made by its migration.
@Index('ix_contacts_search', { synchronize: false })
// The identities merged into a person.
@Index('ix_contacts_merged_into', ['mergedIntoId'], { where: '"merged_into_id" IS NOT NULL' })
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: PLATFORMS, enumName: 'contact_platform' })
  platform: Platform;

  /** The platform's id of the person (app-scoped id on Meta). */
  @Column({ name: 'platform_user_id', type: 'varchar', length: 128 })
  platformUserId: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  handle: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  /** Agents' labels for the person (« presse », « élu »); routing rules may match them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /**
   * Set when an agent merged this identity into another contact (the same person on another channel):
   * its tickets and new messages go to that one.
   */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Contact, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto: Contact | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
