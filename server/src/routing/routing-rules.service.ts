import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MESSAGE_KINDS,
  PLATFORMS,
  type MessageKind,
  type Platform,
  type RoutingRuleTestResult,
  type RoutingRuleView,
} from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import {
  testRule,
  validateRoutingRule,
  validateRuleOrder,
  type RuleDefinition,
  type RuleFieldError,
} from '../domain/routing';
import { Service } from '../services/service.entity';
import { sharedCalendar } from '../sla/shared-calendar';
import { RoutingRuleRecord } from './routing-rule.entity';
import { RoutingService, type RouteInput } from './routing.service';
import { toRoutingView, toRuleView } from './routing-views';
import { toStoredDecision } from './stored-decision';

// Any constant: rule changes (create, delete, reorder) take turns, so positions stay a clean 1..n.
const RULES_LOCK = 0x72756c65; // "rule"
const SAMPLE_MAX = 4000;

const invalid = (errors: RuleFieldError[], prefix = '') => {
  const details = errors.map((e) => `${prefix}${e.field}: ${e.message}`);
  return new DomainError('invalid', details.join('; '), details);
};

/** Administrators' routing rules: checked by the domain's validator, kept in order, tried on samples. */
@Injectable()
export class RoutingRulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly routing: RoutingService,
  ) {}

  async list(manager: EntityManager = this.db.manager): Promise<RoutingRuleView[]> {
    const rules = await manager.getRepository(RoutingRuleRecord).find({ order: { position: 'ASC' } });
    return rules.map(toRuleView);
  }

  create(user: AuthUser, body: unknown): Promise<RoutingRuleView> {
    return this.db.transaction(async (manager) => {
      await this.lock(manager);
      const rule = await this.validate(manager, body);
      const last = (await manager.getRepository(RoutingRuleRecord).maximum('position')) ?? 0;
      const saved = await manager.save(
        manager.create(RoutingRuleRecord, { ...toColumns(rule), position: last + 1 }),
      );
      await this.audit.record(
        user.id,
        'routing_rule.created',
        'routing_rule',
        saved.id,
        { ...rule },
        manager,
      );
      return toRuleView(saved);
    });
  }

  update(user: AuthUser, id: string, body: unknown): Promise<RoutingRuleView> {
    return this.db.transaction(async (manager) => {
      await this.lock(manager);
      const existing = await manager.getRepository(RoutingRuleRecord).findOneBy({ id });
      if (!existing) throw notFound('Routing rule');
      const rule = await this.validate(manager, body);
      await manager.update(RoutingRuleRecord, { id }, toColumns(rule));
      await this.audit.record(user.id, 'routing_rule.updated', 'routing_rule', id, { ...rule }, manager);
      return toRuleView(await manager.getRepository(RoutingRuleRecord).findOneByOrFail({ id }));
    });
  }

  remove(user: AuthUser, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.lock(manager);
      const existing = await manager.getRepository(RoutingRuleRecord).findOneBy({ id });
      if (!existing) throw notFound('Routing rule');
      await manager.delete(RoutingRuleRecord, { id });
      await manager.query(
        `UPDATE routing_rules r SET position = n.position
           FROM (SELECT id, row_number() OVER (ORDER BY position, id)::int AS position FROM routing_rules) AS n
          WHERE r.id = n.id AND r.position <> n.position`,
      );
      await this.audit.record(
        user.id,
        'routing_rule.deleted',
        'routing_rule',
        id,
        { name: existing.name },
        manager,
      );
    });
  }

  /** All or nothing: the body names every rule once, or nothing moves (400 naming the bad entries). */
  reorder(user: AuthUser, body: unknown): Promise<RoutingRuleView[]> {
    return this.db.transaction(async (manager) => {
      await this.lock(manager);
      const existing = await manager.getRepository(RoutingRuleRecord).find({ order: { position: 'ASC' } });
      const ruleIds = isRecord(body) ? body.ruleIds : undefined;
      const errors = isRecord(body)
        ? validateRuleOrder(
            ruleIds,
            existing.map((r) => r.id),
          )
        : [{ field: 'ruleIds', message: 'must be a list of rule ids' }];
      if (errors.length > 0) throw invalid(errors);
      const ids = ruleIds as string[];
      await manager.query(
        `UPDATE routing_rules r SET position = v.position
           FROM unnest($1::uuid[], $2::int[]) AS v(id, position) WHERE r.id = v.id`,
        [ids, ids.map((_, i) => i + 1)],
      );
      await this.audit.record(
        user.id,
        'routing_rule.reordered',
        'routing_rule',
        null,
        { ruleIds: ids },
        manager,
      );
      return this.list(manager);
    });
  }

  /**
   * Tries a rule (saved or not) on a sample message, condition by condition, and shows what the
   * whole routing (the saved rules, then the classifier) would decide for it.
   */
  async test(body: unknown): Promise<RoutingRuleTestResult> {
    const input = isRecord(body) ? body : {};
    const errors: RuleFieldError[] = [];
    if (!isRecord(body)) errors.push({ field: '', message: 'must be an object { rule, sample }' });
    let rule: RuleDefinition | null = null;
    const validation = validateRoutingRule(input.rule, {
      serviceIds: await this.serviceIds(this.db.manager),
    });
    if (validation.ok) rule = validation.rule;
    else
      errors.push(...validation.errors.map((e) => ({ ...e, field: e.field ? `rule.${e.field}` : 'rule' })));
    const sample = parseSample(input.sample, errors);
    if (errors.length > 0 || !rule || !sample) throw invalid(errors);
    const triage =
      (await this.db.getRepository(Service).findOne({ where: { isTriage: true } })) ??
      (await this.db.getRepository(Service).findOne({ where: {}, order: { name: 'ASC' } }));
    if (!triage)
      throw new DomainError('conflict', 'Aucun service : créez au moins le service de tri (Accueil)');
    const result = testRule(
      rule,
      { ...sample, contactTags: sample.contactTags },
      {
        calendar: sharedCalendar(triage.calendar),
      },
    );
    const decision = await this.routing.route(sample.input);
    const names = new Map((await this.db.getRepository(Service).find()).map((s) => [s.id, s.name]));
    return {
      matched: result.matched,
      conditions: result.conditions.map((c) => ({ ...c })),
      decision: toRoutingView(toStoredDecision(decision, sample.input.receivedAt), (id) => names.get(id)),
    };
  }

  private async validate(manager: EntityManager, body: unknown): Promise<RuleDefinition> {
    const result = validateRoutingRule(body, { serviceIds: await this.serviceIds(manager) });
    if (!result.ok) throw invalid(result.errors);
    return result.rule;
  }

  private async serviceIds(manager: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM services');
    return rows.map((r) => r.id);
  }

  private async lock(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [RULES_LOCK]);
  }
}

function toColumns(rule: RuleDefinition) {
  return {
    name: rule.name,
    enabled: rule.enabled ?? true,
    continues: rule.continue ?? false,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

interface ParsedSample {
  contactTags: string[];
  text: string;
  platform: Platform | null;
  kind: MessageKind | null;
  channelAccountId: string | null;
  receivedAt: Date;
  /** For the router: contact tags are given, not read from a contact. */
  input: RouteInput;
}

/** The sample typed in the admin UI; each problem is named `sample.<field>`. */
function parseSample(value: unknown, errors: RuleFieldError[]): ParsedSample | null {
  if (!isRecord(value)) {
    errors.push({ field: 'sample', message: 'must be an object { text, … }' });
    return null;
  }
  const before = errors.length;
  const fail = (field: string, message: string) => errors.push({ field: `sample.${field}`, message });
  const text = typeof value.text === 'string' ? value.text : '';
  if (typeof value.text !== 'string' || text.trim() === '') fail('text', 'must be a non-empty string');
  else if (text.length > SAMPLE_MAX) fail('text', `must be at most ${SAMPLE_MAX} characters`);
  const platform = value.platform ?? null;
  if (platform !== null && !PLATFORMS.includes(platform as Platform))
    fail('platform', `must be one of ${PLATFORMS.join(', ')}`);
  const kind = value.kind ?? null;
  if (kind !== null && !MESSAGE_KINDS.includes(kind as MessageKind))
    fail('kind', `must be one of ${MESSAGE_KINDS.join(', ')}`);
  const account = value.channelAccountId ?? null;
  if (account !== null && typeof account !== 'string') fail('channelAccountId', 'must be a string');
  const tags = value.contactTags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
    fail('contactTags', 'must be a list of strings');
  const at = value.receivedAt ?? null;
  const receivedAt = typeof at === 'string' ? new Date(at) : new Date();
  if (at !== null && (typeof at !== 'string' || Number.isNaN(receivedAt.getTime())))
    fail('receivedAt', 'must be an ISO 8601 date');
  if (errors.length > before) return null;
  const sample = {
    text,
    platform: platform as Platform | null,
    kind: kind as MessageKind | null,
    channelAccountId: account as string | null,
    receivedAt,
  };
  return {
    ...sample,
    contactTags: tags as string[],
    input: { ...sample, contactId: null, contactTags: tags as string[] },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
