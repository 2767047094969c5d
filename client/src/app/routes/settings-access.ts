import type { Me, Role } from '@guichet/shared';

/** Service heads own their services' hours and read the targets; administrators manage everything. */
export function canOpenSettings(role: Role): boolean {
  return role === 'service_head' || role === 'admin';
}

/** The approval queue: heads of a service (by membership) and administrators. */
export function canApproveReplies(me: Pick<Me, 'role' | 'headOfServiceIds'>): boolean {
  return me.role === 'admin' || me.headOfServiceIds.length > 0;
}
