import type { AnswerDetail, AnswerSummary, AnswerUserRef, AnswerVersionView } from '@guichet/shared';
import type { User } from '../users/user.entity';
import type { AnswerVersion } from './answer-version.entity';
import type { Answer } from './answer.entity';

const userRef = (u: User | null | undefined): AnswerUserRef | null =>
  u ? { id: u.id, displayName: u.displayName } : null;

/** Expects `service` loaded. */
export function toAnswerSummary(a: Answer): AnswerSummary {
  return {
    id: a.id,
    service: { id: a.service.id, slug: a.service.slug, name: a.service.name },
    status: a.status,
    title: a.title,
    body: a.body,
    tags: a.tags,
    suitableFor: a.suitableFor,
    publishedVersion: a.publishedVersion,
    draftVersion: a.draftVersion,
    usageCount: a.usageCount,
    lastUsedAt: a.lastUsedAt ? a.lastUsedAt.toISOString() : null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Expects `author` and `validatedBy` loaded. */
export function toAnswerVersionView(v: AnswerVersion): AnswerVersionView {
  return {
    version: v.version,
    state: v.state,
    title: v.title,
    body: v.body,
    tags: v.tags,
    suitableFor: v.suitableFor,
    author: userRef(v.author),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    validatedBy: userRef(v.validatedBy),
    validatedAt: v.validatedAt ? v.validatedAt.toISOString() : null,
  };
}

export function toAnswerDetail(a: Answer, versions: AnswerVersion[], canValidate: boolean): AnswerDetail {
  return {
    ...toAnswerSummary(a),
    versions: [...versions].sort((x, y) => y.version - x.version).map(toAnswerVersionView),
    canValidate,
  };
}
