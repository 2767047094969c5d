import { SERVICE_MEMBER_ROLES, type ServiceMemberRole } from '@guichet/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Service } from './service.entity';

/**
 * A person's membership of a service, with their role there and their place in its round-robin.
 * (The table began as a plain many-to-many join table: its index names are kept.)
 */
@Entity({ name: 'user_services' })
export class ServiceMember {
  @Index('IDX_37ea84a080a4b47133471852d5')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Index('IDX_74bbbb213ecc45e9444e3145b2')
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @ManyToOne(() => Service, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'service_id' })
  service: Service;

  @Column({ type: 'enum', enum: SERVICE_MEMBER_ROLES, enumName: 'service_member_role', default: 'agent' })
  role: ServiceMemberRole;

  /**
   * The service's round-robin turn at which this person last received a ticket automatically (null:
   * never); the next ticket goes to the lowest. Kept here, so fairness survives restarts and is shared
   * by every instance.
   */
  @Column({ name: 'last_assigned_turn', type: 'integer', nullable: true })
  lastAssignedTurn: number | null;
}
