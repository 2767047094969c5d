import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPollFailures1796173741467 implements MigrationInterface {
  name = 'AddPollFailures1796173741467';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"channel_accounts\" ADD \"poll_failures\" integer NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"channel_accounts\" DROP COLUMN \"poll_failures\"");
  }
}
