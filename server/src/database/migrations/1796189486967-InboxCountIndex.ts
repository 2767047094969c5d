import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InboxCountIndex1796189486967 implements MigrationInterface {
  name = 'InboxCountIndex1796189486967';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_tickets_service_status\" ON \"tickets\"  (\"service_id\", \"status\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_service_status\"");
  }
}
