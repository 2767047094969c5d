import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replies held for a service head's approval. The index using the new value is in the next migration. */
export class ReplyApproval1796201912375 implements MigrationInterface {
  name = 'ReplyApproval1796201912375';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"approval_reasons\" jsonb");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"approval_decided_by_id\" uuid");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"approval_decided_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"approval_comment\" text");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"original_body\" text");
    await queryRunner.query("ALTER TYPE \"public\".\"delivery_status\" ADD VALUE 'pending_approval'");
    await queryRunner.query("ALTER TYPE \"public\".\"delivery_status\" ADD VALUE 'rejected'");
    await queryRunner.query("ALTER TABLE \"messages\" ADD CONSTRAINT \"FK_89aed9a40f09c778eb0c2054e3b\" FOREIGN KEY (\"approval_decided_by_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"messages\" DROP CONSTRAINT \"FK_89aed9a40f09c778eb0c2054e3b\"");
    await queryRunner.query("CREATE TYPE \"public\".\"delivery_status_old\" AS ENUM('received', 'queued', 'sent', 'failed')");
    await queryRunner.query("ALTER TABLE \"messages\" ALTER COLUMN \"delivery_status\" TYPE \"public\".\"delivery_status_old\" USING \"delivery_status\"::\"text\"::\"public\".\"delivery_status_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"delivery_status\"");
    await queryRunner.query("ALTER TYPE \"public\".\"delivery_status_old\" RENAME TO \"delivery_status\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"original_body\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"approval_comment\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"approval_decided_at\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"approval_decided_by_id\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"approval_reasons\"");
  }
}
