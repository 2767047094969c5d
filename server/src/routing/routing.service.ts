import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessageKind, Platform } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { routeMessage, type RoutingRule } from '../domain/routing';
import { cachedServices } from '../services/cached-services';
import { ConfigCache } from '../settings/config-cache';
import { SettingsService } from '../settings/settings.service';
import { sharedCalendar } from '../sla/shared-calendar';
import { ClassifierService } from './classifier.service';
import { RoutingRuleRecord } from './routing-rule.entity';
import type { RoutingDecision } from './stored-decision';

export type { RoutingDecision } from './stored-decision';

/** What the router knows of a message that opens a ticket. */
export interface RouteInput {
  text: string;
  platform: Platform | null;
  kind: MessageKind | null;
  channelAccountId: string | null;
  /** The author; their tags are read when the router is prepared (see `contactIds`). */
  contactId: string | null;
  /** Tags to use instead of the author's (a sample typed in the admin UI). */
  contactTags?: readonly string[];
  receivedAt: Date;
}

/** Routes messages in memory; prepared once for a batch of messages. */
export type Router = (input: RouteInput) => RoutingDecision;

export function toRoutingRule(r: RoutingRuleRecord): RoutingRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    continue: r.continues,
    conditions: r.conditions,
    actions: r.actions,
  };
}

/**
 * Picks a new ticket's service: the administrators' rules in order, then the town's classifier above
 * the confidence threshold, else the triage service with the classifier's suggestions (see the
 * domain's routeMessage). Everything it needs is read once per batch by `router`.
 */
@Injectable()
export class RoutingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly classifier: ClassifierService,
    private readonly settings: SettingsService,
    private readonly config: ConfigCache,
  ) {}

  async route(input: RouteInput, manager: EntityManager = this.db.manager): Promise<RoutingDecision> {
    const router = await this.router(manager, { contactIds: input.contactId ? [input.contactId] : [] });
    return router(input);
  }

  /**
   * Reads what routing needs (services, rules, threshold, model, the tags of the batch's authors) in
   * a fixed number of queries, and returns a router that asks nothing more of the database.
   */
  async router(
    manager: EntityManager,
    options: {
      contactIds?: string[];
      /** The authors' tags when the caller holds them already (ingestion: from its upsert): no query. */
      contactTags?: ReadonlyMap<string, readonly string[]>;
    } = {},
  ): Promise<Router> {
    const services = await cachedServices(this.config, manager);
    const serviceIds = services.map((s) => s.id);
    const { rules, confidenceThreshold } = await this.config.get(manager, 'routing', async (m) => {
      const known = new Set(serviceIds);
      return {
        rules: (await m.getRepository(RoutingRuleRecord).find({ order: { position: 'ASC' } }))
          .map(toRoutingRule)
          // A rule sending messages to a service that no longer exists is stale: it is skipped.
          .filter((r) => r.actions.serviceId === undefined || known.has(r.actions.serviceId)),
        confidenceThreshold: (await this.settings.routingSettings(m)).confidenceThreshold,
      };
    });
    const classifier = await this.classifier.current(manager);
    const contactIds = [...new Set(options.contactIds ?? [])];
    const tagRows: Array<{ id: string; tags: readonly string[] }> = options.contactTags
      ? [...options.contactTags].map(([id, tags]) => ({ id, tags }))
      : contactIds.length > 0
        ? await manager.query(
            `SELECT id, tags FROM contacts WHERE id = ANY($1::uuid[]) AND cardinality(tags) > 0`,
            [contactIds],
          )
        : [];
    const tagsOf = new Map(tagRows.filter((r) => r.tags.length > 0).map((r) => [r.id, r.tags]));
    const triage = services.find((s) => s.isTriage) ?? services[0];
    const names = new Map(services.map((s) => [s.id, s.name]));
    return (input) => {
      if (!triage) throw new Error('No service exists: create at least the triage service (Accueil)');
      return routeMessage({
        rules,
        sample: {
          text: input.text,
          platform: input.platform,
          kind: input.kind,
          channelAccountId: input.channelAccountId,
          contactTags: input.contactTags ?? ((input.contactId && tagsOf.get(input.contactId)) || []),
          receivedAt: input.receivedAt,
        },
        // « Inside staffed hours » means the town hall's, i.e. the triage service's.
        context: { calendar: sharedCalendar(triage.calendar) },
        classifier: classifier?.model ?? null,
        threshold: confidenceThreshold,
        triageServiceId: triage.id,
        serviceIds,
        serviceName: (id) => names.get(id),
      });
    };
  }
}
