import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { routeByKeywords } from '../domain/routing/keyword-router';
import { Service } from '../services/service.entity';

export interface RoutingDecision {
  serviceId: string;
  explanation: string;
}

/** Picks a ticket's service: the first service whose keyword the message contains, else the triage service. */
@Injectable()
export class RoutingService {
  async route(manager: EntityManager, text: string): Promise<RoutingDecision> {
    const services = await manager.getRepository(Service).find({ order: { name: 'ASC' } });
    const match = routeByKeywords(
      text,
      services.filter((s) => !s.isTriage),
    );
    if (match) return { serviceId: match.serviceId, explanation: match.explanation };
    const triage = services.find((s) => s.isTriage) ?? services[0];
    if (!triage) throw new Error('No service exists: create at least the triage service (Accueil)');
    return { serviceId: triage.id, explanation: `aucun mot-clé reconnu → ${triage.name} (tri)` };
  }
}
