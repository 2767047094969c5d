import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { roundRobin } from '../domain/assignment';
import type { BusinessCalendar } from '../domain/sla';
import { ConfigCache } from '../settings/config-cache';
import { cachedServices } from './cached-services';
import { isOnShift } from './shift';

/** A ticket entering a service (new, or re-routed into it); `key` identifies it in the result. */
export interface AssignmentRequest {
  key: string;
  serviceId: string;
  /** When it enters: who is on shift is judged at that instant. */
  at: Date;
}

/**
 * Automatic assignment in services set to round_robin: in turn among the agents on shift, skipping
 * those at the service's open-ticket cap. The members' rows are locked for the transaction, so
 * concurrent batches and instances take turns one after another and never hand out the same turn.
 */
@Injectable()
export class AssignmentService {
  constructor(private readonly config: ConfigCache) {}

  /**
   * Assignees for the requests that enter round-robin services (key → user id), in the caller's
   * transaction, with at most four statements whatever their number. Requests are served in order.
   */
  async assignMany(manager: EntityManager, requests: AssignmentRequest[]): Promise<Map<string, string>> {
    const assigned = new Map<string, string>();
    if (requests.length === 0) return assigned;
    const wanted = new Set(requests.map((r) => r.serviceId));
    const services: Array<{ id: string; calendar: BusinessCalendar; maxOpenPerAgent: number | null }> = (
      await cachedServices(this.config, manager)
    ).filter((s) => wanted.has(s.id) && s.assignmentMode === 'round_robin');
    if (services.length === 0) return assigned;
    const serviceIds = services.map((s) => s.id);
    // Locked in one order (service, user), so two transactions cannot deadlock on them.
    const members: Array<{
      service_id: string;
      user_id: string;
      last_assigned_turn: number | null;
      calendar: BusinessCalendar | null;
    }> = await manager.query(
      `SELECT m.service_id, m.user_id, m.last_assigned_turn, u.calendar
         FROM user_services m JOIN users u ON u.id = m.user_id
        WHERE m.service_id = ANY($1::uuid[]) AND u.active AND u.role IN ('agent', 'service_head')
        ORDER BY m.service_id, m.user_id
          FOR UPDATE OF m`,
      [serviceIds],
    );
    if (members.length === 0) return assigned;
    const counts: Array<{ service_id: string; assignee_id: string; n: number }> = await manager.query(
      `SELECT service_id, assignee_id, count(*)::int AS n FROM tickets
        WHERE assignee_id = ANY($1::uuid[]) AND service_id = ANY($2::uuid[])
          AND status NOT IN ('resolved', 'closed')
        GROUP BY service_id, assignee_id`,
      [[...new Set(members.map((m) => m.user_id))], serviceIds],
    );
    const open = new Map(counts.map((c) => [`${c.service_id}:${c.assignee_id}`, c.n]));

    const turns: Array<{ serviceId: string; userId: string; turn: number }> = [];
    for (const service of services) {
      const team = members.filter((m) => m.service_id === service.id);
      const calendarOf = new Map(team.map((m) => [m.user_id, m.calendar]));
      const rr = roundRobin(
        team.map((m) => ({
          userId: m.user_id,
          lastTurn: m.last_assigned_turn,
          openTickets: open.get(`${service.id}:${m.user_id}`) ?? 0,
        })),
        service.maxOpenPerAgent,
      );
      for (const request of requests) {
        if (request.serviceId !== service.id) continue;
        const who = rr.next((userId) =>
          isOnShift(calendarOf.get(userId) ?? null, service.calendar, request.at),
        );
        if (who) assigned.set(request.key, who);
      }
      for (const [userId, turn] of rr.changedTurns()) turns.push({ serviceId: service.id, userId, turn });
    }
    if (turns.length > 0) {
      await manager.query(
        `UPDATE user_services m SET last_assigned_turn = v.turn
           FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS v(service_id, user_id, turn)
          WHERE m.service_id = v.service_id AND m.user_id = v.user_id`,
        [turns.map((t) => t.serviceId), turns.map((t) => t.userId), turns.map((t) => t.turn)],
      );
    }
    return assigned;
  }
}
