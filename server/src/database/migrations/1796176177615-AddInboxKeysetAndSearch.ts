import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInboxKeysetAndSearch1796176177615 implements MigrationInterface {
  name = 'AddInboxKeysetAndSearch1796176177615';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_service_last_message\"");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"sla_sort_key\" double precision NOT NULL DEFAULT '999999999999999'");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"sla_warning_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("CREATE INDEX \"ix_tickets_assignee_activity\" ON \"tickets\"  (\"assignee_id\", \"last_message_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_tickets_due\" ON \"tickets\"  (\"sla_sort_key\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_tickets_activity\" ON \"tickets\"  (\"last_message_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_tickets_service_due\" ON \"tickets\"  (\"service_id\", \"sla_sort_key\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_tickets_service_activity\" ON \"tickets\"  (\"service_id\", \"last_message_at\", \"id\") ");
    // Written by hand: the inbox order by deadline for tickets that exist already (see SlaClockService).
    await queryRunner.query(`UPDATE tickets SET sla_sort_key = CASE
        WHEN sla_paused THEN 1e12 + coalesce(sla_remaining_minutes, 0)
        WHEN sla_due_at IS NOT NULL THEN extract(epoch FROM sla_due_at)
        ELSE 999999999999999 END`);
    await queryRunner.query(`UPDATE tickets t SET sla_warning_at = c.warning_at FROM ticket_sla_clocks c
      WHERE c.ticket_id = t.id AND c.kind::text = t.sla_kind::text AND NOT t.sla_paused`);
    // Full-text search: a GIN index on the folded text's French tsvector, the same expression as
    // MESSAGE_SEARCH_VECTOR in tickets/message-search.ts (kept literal here: a migration never changes).
    await queryRunner.query(
      `CREATE INDEX "ix_messages_search" ON "messages" USING gin (to_tsvector('french'::regconfig, translate(lower(body), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ', 'aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_messages_search"');
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_service_activity\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_service_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_activity\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_assignee_activity\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"sla_warning_at\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"sla_sort_key\"");
    await queryRunner.query("CREATE INDEX \"ix_tickets_service_last_message\" ON \"tickets\" USING btree (\"last_message_at\", \"service_id\") ");
  }
}
