import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInboundQueue1796173364067 implements MigrationInterface {
  name = 'AddInboundQueue1796173364067';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"inbound_event_source\" AS ENUM('webhook', 'poll', 'stream')");
    await queryRunner.query("CREATE TYPE \"public\".\"inbound_event_platform\" AS ENUM('facebook', 'instagram', 'mastodon', 'x', 'open311')");
    await queryRunner.query("CREATE TYPE \"public\".\"inbound_event_status\" AS ENUM('pending', 'done', 'failed')");
    await queryRunner.query("CREATE TABLE \"inbound_events\" (\"id\" BIGSERIAL NOT NULL, \"source\" \"public\".\"inbound_event_source\" NOT NULL, \"platform\" \"public\".\"inbound_event_platform\" NOT NULL, \"account_external_id\" character varying(200) NOT NULL, \"event\" jsonb NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"status\" \"public\".\"inbound_event_status\" NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_error\" text, \"outcome\" character varying(20), \"ticket_id\" uuid, \"message_id\" uuid, \"processed_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b76e26fa0121da742b191b7ded0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_inbound_events_processed\" ON \"inbound_events\"  (\"processed_at\") WHERE \"status\" = 'done'");
    await queryRunner.query("CREATE INDEX \"ix_inbound_events_pending\" ON \"inbound_events\"  (\"next_attempt_at\") WHERE \"status\" = 'pending'");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"previous_ticket_id\" uuid");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD CONSTRAINT \"FK_a30b21413c0ef0c20768279725b\" FOREIGN KEY (\"previous_ticket_id\") REFERENCES \"tickets\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"tickets\" DROP CONSTRAINT \"FK_a30b21413c0ef0c20768279725b\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"previous_ticket_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_inbound_events_pending\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_inbound_events_processed\"");
    await queryRunner.query("DROP TABLE \"inbound_events\"");
    await queryRunner.query("DROP TYPE \"public\".\"inbound_event_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"inbound_event_platform\"");
    await queryRunner.query("DROP TYPE \"public\".\"inbound_event_source\"");
  }
}
