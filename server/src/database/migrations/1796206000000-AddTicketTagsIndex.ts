import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTicketTagsIndex1796206000000 implements MigrationInterface {
  name = 'AddTicketTagsIndex1796206000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: the inbox filters by tags (any of them), which a GIN index on the array serves.
    await queryRunner.query('CREATE INDEX "ix_tickets_tags" ON "tickets" USING gin ("tags")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_tickets_tags"');
  }
}
