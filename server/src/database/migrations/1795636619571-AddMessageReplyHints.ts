import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMessageReplyHints1795636619571 implements MigrationInterface {
  name = 'AddMessageReplyHints1795636619571';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "messages" ADD "reply_hints" jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "reply_hints"');
  }
}
