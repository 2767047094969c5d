import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClassifierMetrics, ClassifierStatus } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import {
  CALIBRATION_FOLDS,
  classificationReport,
  classifierFromJson,
  classifierToJson,
  crossValidate,
  DEFAULT_CLASSIFIER_OPTIONS,
  learnExample,
  thresholdReport,
  trainClassifier,
  type TextClassifier,
  type TrainingExample,
} from '../domain/classifier';
import { ConfigCache } from '../settings/config-cache';
import { SettingsService } from '../settings/settings.service';
import { ClassifierModelRecord, type TrainingTrigger } from './classifier-model.entity';

const MODEL_KEY = 'town';
/** The most recent labelled tickets a training reads: enough to follow the town, bounded in time (≈ 1 s). */
export const MAX_TRAINING_TICKETS = 20_000;
// Any constant: one training at a time across instances.
const TRAINING_LOCK = 0x67756963; // "guic"

export interface CurrentModel {
  readonly version: number;
  readonly model: TextClassifier;
}

/**
 * The town's text classifier as the app keeps it: trained from labelled messages (the demo corpus for
 * a cold start, and tickets whose service an agent set or confirmed), stored in PostgreSQL with its
 * cross-validated metrics, read back by every instance when its version moves, and taught one label
 * at a time by agents' re-routes.
 */
@Injectable()
export class ClassifierService {
  private readonly logger = new Logger('ClassifierService');
  private cache: CurrentModel | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: SettingsService,
    private readonly configuration: ConfigCache,
  ) {}

  /**
   * The current model; its JSON is read again only when its version changed. The version itself comes
   * with the rest of the configuration (no query in an ingestion batch when nothing changed).
   */
  async current(manager: EntityManager = this.db.manager): Promise<CurrentModel | null> {
    const version = await this.configuration.get(manager, 'classifier-version', async (m) => {
      const rows: Array<{ version: number }> = await m.query(
        'SELECT version FROM classifier_models WHERE key = $1',
        [MODEL_KEY],
      );
      return rows[0]?.version;
    });
    if (version === undefined) return (this.cache = null);
    if (this.cache?.version === version) return this.cache;
    const row = await manager.getRepository(ClassifierModelRecord).findOneBy({ key: MODEL_KEY });
    if (!row) return (this.cache = null);
    try {
      this.cache = { version: row.version, model: classifierFromJson(row.model) };
    } catch (err) {
      // Unreadable (corrupt, or from an incompatible version): route without it until the next training.
      this.logger.error(`Stored classifier ignored: ${(err as Error).message}`);
      this.cache = null;
    }
    return this.cache;
  }

  /**
   * The labelled messages to train on, oldest first: stored examples (the corpus), then the most
   * recent tickets whose final service is known, because an agent moved them there or they were
   * resolved there.
   */
  async trainingExamples(manager: EntityManager = this.db.manager): Promise<TrainingExample[]> {
    const stored: Array<{ text: string; service_id: string }> = await manager.query(
      'SELECT text, service_id FROM classifier_examples ORDER BY created_at, id',
    );
    const tickets: Array<{ text: string; service_id: string }> = await manager.query(
      `SELECT service_id, text FROM (
         SELECT t.service_id, t.created_at, t.id, first.body AS text
           FROM tickets t
           CROSS JOIN LATERAL (
             SELECT m.body FROM messages m
              WHERE m.ticket_id = t.id AND m.direction = 'inbound'
              ORDER BY m.sent_at, m.created_at LIMIT 1) AS first
          WHERE t.status IN ('resolved', 'closed') OR t.rerouted_at IS NOT NULL
          ORDER BY t.created_at DESC, t.id DESC
          LIMIT $1) AS recent
        ORDER BY created_at, id`,
      [MAX_TRAINING_TICKETS],
    );
    return [...stored, ...tickets]
      .filter((e) => e.text.trim() !== '')
      .map((e) => ({ text: e.text, serviceId: e.service_id }));
  }

  /**
   * Trains from scratch and stores the model with its cross-validated metrics. Skipped (null) when
   * another instance is training, or when the examples do not cover two services yet.
   */
  async train(trigger: TrainingTrigger, now: Date = new Date()): Promise<ClassifierStatus | null> {
    const trained = await this.db.transaction(async (manager) => {
      const [{ locked }]: Array<{ locked: boolean }> = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [TRAINING_LOCK],
      );
      if (!locked) return false;
      const examples = await this.trainingExamples(manager);
      if (new Set(examples.map((e) => e.serviceId)).size < 2) return false;
      const { confidenceThreshold } = await this.settings.routingSettings(manager);
      const started = Date.now();
      const model = trainClassifier(examples);
      const metrics = measure(examples, confidenceThreshold);
      const previous = await manager
        .getRepository(ClassifierModelRecord)
        .findOne({ where: { key: MODEL_KEY }, lock: { mode: 'pessimistic_write' } });
      await manager.getRepository(ClassifierModelRecord).save({
        key: MODEL_KEY,
        model: classifierToJson(model),
        version: (previous?.version ?? 0) + 1,
        trainingExamples: examples.length,
        learnedSince: 0,
        metrics,
        trigger,
        trainedAt: now,
      });
      this.logger.log(
        `Classifier trained (${trigger}) on ${examples.length} messages in ${Date.now() - started} ms: ` +
          `cross-validated macro-F1 ${metrics.macroF1.toFixed(3)}`,
      );
      return true;
    });
    return trained ? this.status() : null;
  }

  /** Trains when no model exists yet, or when the last training is older than the schedule allows. */
  async trainIfDue(trigger: 'startup' | 'schedule', now: Date = new Date()): Promise<boolean> {
    const rows: Array<{ trained_at: Date }> = await this.db.query(
      'SELECT trained_at FROM classifier_models WHERE key = $1',
      [MODEL_KEY],
    );
    const last = rows[0]?.trained_at;
    const hours = this.config.classifierRetrainHours;
    const due =
      last === undefined || (hours > 0 && now.getTime() - new Date(last).getTime() >= hours * 3_600_000);
    if (!due) return false;
    return (await this.train(last === undefined ? trigger : 'schedule', now)) !== null;
  }

  /**
   * An agent's re-route is a label: the stored model learns it at once (in the caller's transaction,
   * the row locked so concurrent re-routes each count). False when there is no model yet: the next
   * training reads the ticket anyway.
   */
  async learn(manager: EntityManager, example: TrainingExample): Promise<boolean> {
    if (example.text.trim() === '') return false;
    const repo = manager.getRepository(ClassifierModelRecord);
    const row = await repo.findOne({ where: { key: MODEL_KEY }, lock: { mode: 'pessimistic_write' } });
    if (!row) return false;
    const model = learnExample(classifierFromJson(row.model), example);
    await repo.update(
      { key: MODEL_KEY },
      { model: classifierToJson(model), version: row.version + 1, learnedSince: row.learnedSince + 1 },
    );
    return true;
  }

  async status(): Promise<ClassifierStatus> {
    const row = await this.db.getRepository(ClassifierModelRecord).findOneBy({ key: MODEL_KEY });
    const hours = this.config.classifierRetrainHours;
    if (!row) {
      return {
        trained: false,
        trainedAt: null,
        trigger: null,
        trainingExamples: 0,
        learnedSince: 0,
        services: 0,
        terms: 0,
        metrics: null,
        nextTrainingAt: null,
      };
    }
    const names = await this.serviceNames();
    return {
      trained: true,
      trainedAt: row.trainedAt.toISOString(),
      trigger: row.trigger,
      trainingExamples: row.trainingExamples,
      learnedSince: row.learnedSince,
      services: row.model.classes.length,
      terms: Object.keys(row.model.counts).length,
      metrics: row.metrics && {
        ...row.metrics,
        perService: row.metrics.perService.map((m) => ({
          ...m,
          serviceName: names.get(m.serviceId) ?? null,
        })),
      },
      nextTrainingAt: hours > 0 ? new Date(row.trainedAt.getTime() + hours * 3_600_000).toISOString() : null,
    };
  }

  private async serviceNames(): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await this.db.query('SELECT id, name FROM services');
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/** Out-of-fold quality on the training examples, as the admin screen shows it. */
function measure(examples: TrainingExample[], threshold: number): ClassifierMetrics {
  const folds = Math.min(CALIBRATION_FOLDS, examples.length);
  const outcomes = crossValidate(examples, DEFAULT_CLASSIFIER_OPTIONS, folds);
  const report = classificationReport(outcomes);
  const atThreshold = thresholdReport(outcomes, threshold);
  return {
    examples: examples.length,
    folds,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    threshold,
    routedShare: atThreshold.routedShare,
    routedAccuracy: atThreshold.routedAccuracy,
    perService: report.perClass.map((m) => ({
      serviceId: m.label,
      serviceName: null,
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      support: m.support,
    })),
  };
}
