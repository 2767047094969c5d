import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddContactIndexes1796187382002 implements MigrationInterface {
  name = 'AddContactIndexes1796187382002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_contacts_merged_into\" ON \"contacts\"  (\"merged_into_id\") WHERE \"merged_into_id\" IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"ix_tickets_contact_activity\" ON \"tickets\"  (\"contact_id\", \"last_message_at\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_contact_activity\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_contacts_merged_into\"");
  }
}
