import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { routeByKeywords } from '../domain/routing/keyword-router';
import { Service } from '../services/service.entity';

export interface RoutingDecision {
  serviceId: string;
  explanation: string;
}

/** Routes one message's text; prepared once for a batch of messages. */
export type Router = (text: string) => RoutingDecision;

/** Picks a ticket's service: the first service whose keyword the message contains, else the triage service. */
@Injectable()
export class RoutingService {
  async route(manager: EntityManager, text: string): Promise<RoutingDecision> {
    return (await this.router(manager))(text);
  }

  /** Reads what routing needs once, and returns a router that asks nothing more of the database. */
  async router(manager: EntityManager): Promise<Router> {
    const services = await manager.getRepository(Service).find({ order: { name: 'ASC' } });
    const targets = services.filter((s) => !s.isTriage);
    const triage = services.find((s) => s.isTriage) ?? services[0];
    return (text) => {
      const match = routeByKeywords(text, targets);
      if (match) return { serviceId: match.serviceId, explanation: match.explanation };
      if (!triage) throw new Error('No service exists: create at least the triage service (Accueil)');
      return { serviceId: triage.id, explanation: `aucun mot-clé reconnu → ${triage.name} (tri)` };
    };
  }
}
