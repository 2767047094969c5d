import type { Role } from './enums.js';

/** manual: agents take or are given tickets; round_robin: new tickets go in turn to agents on shift. */
export const ASSIGNMENT_MODES = ['manual', 'round_robin'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A person's role in one service: a service head approves, validates answers and edits the hours. */
export const SERVICE_MEMBER_ROLES = ['agent', 'service_head'] as const;
export type ServiceMemberRole = (typeof SERVICE_MEMBER_ROLES)[number];

export interface ServiceView {
  id: string;
  slug: string;
  name: string;
  description: string;
  isTriage: boolean;
  /** Words citizens may look the service up by (Open311 `keywords`). */
  keywords: string[];
  /** Listed in the public Open311 API and the contact form (never the triage service). */
  open311Listed: boolean;
  /** The Open311 `group` the service is listed under, e.g. « Cadre de vie ». */
  open311Group: string;
  assignmentMode: AssignmentMode;
  /** Open tickets of this service an agent may hold before round-robin skips them; null: no cap. */
  maxOpenPerAgent: number | null;
  /** Whether the caller belongs to this service (every service lists, so tickets can be moved anywhere). */
  isMember: boolean;
  /** Whether the caller heads this service. */
  isHead: boolean;
  /** Whether the caller may edit this service's calendar (its head, or an admin). */
  canEditCalendar: boolean;
  /** Whether the caller may edit the service itself and its members (administrators). */
  canManage: boolean;
}

/** Body of `POST /api/services` and `PUT /api/services/:id`. */
export interface ServiceRequest {
  name: string;
  /** The Open311 `service_code`; derived from the name when absent on creation. */
  slug?: string;
  description: string;
  keywords: string[];
  open311Listed: boolean;
  open311Group: string;
  assignmentMode: AssignmentMode;
  maxOpenPerAgent: number | null;
}

export interface ServiceMemberView {
  userId: string;
  displayName: string;
  email: string;
  /** The account's role in the town hall. */
  accountRole: Role;
  role: ServiceMemberRole;
  active: boolean;
  /** Whether the person follows their own hours rather than the service's. */
  hasOwnCalendar: boolean;
  /** On shift now (their own hours if set, else the service's). */
  onShift: boolean;
  /** Open tickets of this service assigned to them. */
  openTickets: number;
}

/** Body of `PUT /api/services/:id/members`: the whole list, replaced at once. */
export interface ServiceMembersRequest {
  members: Array<{ userId: string; role: ServiceMemberRole }>;
}

/** A person as administrators pick them for a service. */
export interface UserView {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  active: boolean;
  hasOwnCalendar: boolean;
}
