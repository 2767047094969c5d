import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAccountPolling1795637674985 implements MigrationInterface {
  name = 'AddAccountPolling1795637674985';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "channel_accounts" ADD "base_url" character varying(300)');
    await queryRunner.query('ALTER TABLE "channel_accounts" ADD "poll_cursor" character varying(200)');
    await queryRunner.query('ALTER TABLE "channel_accounts" ADD "next_poll_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'ALTER TABLE "channel_accounts" ADD "poll_claimed_until" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "channel_accounts" ADD "last_polled_at" TIMESTAMP WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "channel_accounts" DROP COLUMN "last_polled_at"');
    await queryRunner.query('ALTER TABLE "channel_accounts" DROP COLUMN "poll_claimed_until"');
    await queryRunner.query('ALTER TABLE "channel_accounts" DROP COLUMN "next_poll_at"');
    await queryRunner.query('ALTER TABLE "channel_accounts" DROP COLUMN "poll_cursor"');
    await queryRunner.query('ALTER TABLE "channel_accounts" DROP COLUMN "base_url"');
  }
}
