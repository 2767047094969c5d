import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  matchesTemplate,
  parseTemplate,
  suitsAudience,
  unfilledPlaceholders,
  type ReplyAudience,
} from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AnswerVersion } from './answer-version.entity';
import { Answer } from './answer.entity';

export interface AnswerSourceInput {
  answerId: string;
  answerVersion: number;
}

/** What a reply records about the answer it was written from. */
export interface AnswerSourceRecord {
  answerId: string;
  answerVersion: number;
  answerEdited: boolean;
}

const invalid = (detail: string) => new DomainError('invalid', detail, [detail]);

/** Checks a reply written from a validated answer and counts the use. */
@Injectable()
export class AnswerUsageService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The answer must be the ticket's service's, validated in that version, still offered and suited to
   * the reply's audience; every placeholder must be filled. Says whether more than those changed.
   */
  async check(
    serviceId: string,
    audience: ReplyAudience | null,
    source: AnswerSourceInput,
    body: string,
  ): Promise<AnswerSourceRecord> {
    const answer = await this.db.getRepository(Answer).findOneBy({ id: source.answerId, serviceId });
    if (!answer) throw invalid('answerId: no such answer in this ticket’s service');
    if (answer.status === 'archived') {
      throw new DomainError(
        'conflict',
        'Cette réponse validée vient d’être archivée : choisissez-en une autre',
      );
    }
    const version = await this.db
      .getRepository(AnswerVersion)
      .findOneBy({ answerId: answer.id, version: source.answerVersion, state: 'validated' });
    if (!version) throw invalid('answerVersion: not a validated version of this answer');
    if (!suitsAudience(version.suitableFor, audience)) {
      throw new DomainError(
        'unprocessable',
        audience === 'public'
          ? 'Cette réponse validée est réservée aux messages privés'
          : 'Cette réponse validée est réservée aux commentaires publics',
      );
    }
    const template = parseTemplate(version.body);
    // Stored bodies were checked on the way in; a broken one is treated as plain text.
    if (!template.ok) return { answerId: answer.id, answerVersion: version.version, answerEdited: true };
    const unfilled = unfilledPlaceholders(template.placeholders, body);
    if (unfilled.length > 0) {
      throw invalid(`body: complete the placeholders ${unfilled.map((n) => `{${n}}`).join(', ')}`);
    }
    return {
      answerId: answer.id,
      answerVersion: version.version,
      answerEdited: !matchesTemplate(template.parts, body),
    };
  }

  /** In the reply's transaction. */
  async recordUse(manager: EntityManager, answerId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE answers SET usage_count = usage_count + 1, last_used_at = GREATEST(last_used_at, $2) WHERE id = $1`,
      [answerId, now],
    );
  }
}
