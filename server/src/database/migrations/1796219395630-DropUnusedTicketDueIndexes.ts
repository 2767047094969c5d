import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query filters or sorts tickets on these columns (the inbox sorts on `sla_sort_key`, the SLA
 * sweeps read `ticket_sla_clocks`): the two indexes only cost every new ticket and every SLA update.
 */
export class DropUnusedTicketDueIndexes1796219395630 implements MigrationInterface {
  name = 'DropUnusedTicketDueIndexes1796219395630';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_first_response_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_sla_due\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_tickets_sla_due\" ON \"tickets\" USING btree (\"sla_due_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_tickets_first_response_due\" ON \"tickets\" USING btree (\"first_response_due_at\") ");
  }
}
