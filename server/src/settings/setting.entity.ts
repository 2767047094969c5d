import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Town-wide settings edited by admins, one JSON value per key. */
@Entity({ name: 'settings' })
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
