import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNotificationDetails1796205009558 implements MigrationInterface {
  name = 'AddNotificationDetails1796205009558';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notifications\" ADD \"details\" jsonb");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notifications\" DROP COLUMN \"details\"");
  }
}
