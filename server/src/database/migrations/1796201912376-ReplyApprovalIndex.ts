import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Apart from ReplyApproval: a value added to an enum cannot be used in the transaction that adds it. */
export class ReplyApprovalIndex1796201912376 implements MigrationInterface {
  name = 'ReplyApprovalIndex1796201912376';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_messages_pending_approval\" ON \"messages\"  (\"ticket_id\") WHERE \"delivery_status\" = 'pending_approval'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_messages_pending_approval\"");
  }
}
