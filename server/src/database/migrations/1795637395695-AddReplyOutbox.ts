import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReplyOutbox1795637395695 implements MigrationInterface {
  name = 'AddReplyOutbox1795637395695';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "messages" ADD "send_attempts" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "messages" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "messages" ADD "first_attempt_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "messages" ADD "claimed_until" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'CREATE INDEX "ix_messages_outbox_due" ON "messages"  ("next_attempt_at") WHERE "delivery_status" = \'queued\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_messages_outbox_due"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "claimed_until"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "first_attempt_at"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "next_attempt_at"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "send_attempts"');
  }
}
