import type { Role } from '@guichet/shared';

/** Service heads own their services' hours and read the targets; administrators manage everything. */
export function canOpenSettings(role: Role): boolean {
  return role === 'service_head' || role === 'admin';
}
