import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApprovalPolicy } from '@guichet/shared';
import type { ApprovalPolicyDto } from '@guichet/shared/dto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { validateApprovalPolicy } from '../domain/sensitivity';
import { SettingsService } from '../settings/settings.service';

/** Which replies need approval: set by administrators, read by service heads; every change audited. */
@Injectable()
export class ApprovalPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<ApprovalPolicy> {
    return this.settings.approvalPolicy();
  }

  save(user: AuthUser, dto: ApprovalPolicyDto): Promise<ApprovalPolicy> {
    // Only the known fields, duplicates dropped (tags and keywords are compared folded anyway).
    const policy: ApprovalPolicy = {
      keywords: [...new Set(dto.keywords)],
      sensitiveContactTags: [...new Set(dto.sensitiveContactTags)],
      publicReplyTags: [...new Set(dto.publicReplyTags)],
      freeTextNeedsApproval: dto.freeTextNeedsApproval,
      electoralReserve: dto.electoralReserve
        ? { from: dto.electoralReserve.from, to: dto.electoralReserve.to }
        : null,
    };
    // Checked as sent, so that `keywords[i]` names the admin's own line.
    const errors = validateApprovalPolicy({ ...policy, keywords: dto.keywords });
    if (errors.length > 0) {
      const details = errors.map((e) => `${e.field}: ${e.message}`);
      throw new DomainError('invalid', details.join('; '), details);
    }
    return this.db.transaction(async (manager) => {
      const before = await this.settings.approvalPolicy(manager);
      const saved = await this.settings.saveApprovalPolicy(policy, manager);
      await this.audit.record(
        user.id,
        'approval_policy.updated',
        'settings',
        'approval',
        { before, after: saved },
        manager,
      );
      return saved;
    });
  }
}
