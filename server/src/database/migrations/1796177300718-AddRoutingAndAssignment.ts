import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRoutingAndAssignment1796177300718 implements MigrationInterface {
  name = 'AddRoutingAndAssignment1796177300718';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"routing_rules\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"position\" integer NOT NULL, \"name\" character varying(100) NOT NULL, \"enabled\" boolean NOT NULL DEFAULT true, \"continues\" boolean NOT NULL DEFAULT false, \"conditions\" jsonb NOT NULL, \"actions\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b744c5cc71053ea4d3fc8a860c2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"classifier_models\" (\"key\" character varying(32) NOT NULL, \"model\" jsonb NOT NULL, \"version\" integer NOT NULL, \"training_examples\" integer NOT NULL, \"learned_since\" integer NOT NULL DEFAULT '0', \"metrics\" jsonb, \"trigger\" character varying(16) NOT NULL, \"trained_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1c99f8ed0e2caad3ae59f36bf14\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE TABLE \"classifier_examples\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"text\" text NOT NULL, \"service_id\" uuid NOT NULL, \"source\" character varying(32) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_dea0c5a40912fdd217fc9f228db\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_classifier_examples_service\" ON \"classifier_examples\"  (\"service_id\") ");
    await queryRunner.query("ALTER TABLE \"users\" ADD \"calendar\" jsonb");
    await queryRunner.query("ALTER TABLE \"contacts\" ADD \"tags\" text array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"services\" ADD \"open311_listed\" boolean NOT NULL DEFAULT true");
    await queryRunner.query("ALTER TABLE \"services\" ADD \"open311_group\" character varying(80) NOT NULL DEFAULT 'Ville'");
    await queryRunner.query("CREATE TYPE \"public\".\"service_assignment_mode\" AS ENUM('manual', 'round_robin')");
    await queryRunner.query("ALTER TABLE \"services\" ADD \"assignment_mode\" \"public\".\"service_assignment_mode\" NOT NULL DEFAULT 'manual'");
    await queryRunner.query("ALTER TABLE \"services\" ADD \"max_open_per_agent\" integer");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"routing\" jsonb");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"rerouted_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"tags\" text array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"tickets\" ADD \"sensitive\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("CREATE TYPE \"public\".\"service_member_role\" AS ENUM('agent', 'service_head')");
    await queryRunner.query("ALTER TABLE \"user_services\" ADD \"role\" \"public\".\"service_member_role\" NOT NULL DEFAULT 'agent'");
    await queryRunner.query("ALTER TABLE \"user_services\" ADD \"last_assigned_turn\" integer");
    await queryRunner.query("CREATE INDEX \"ix_tickets_open_by_assignee\" ON \"tickets\"  (\"assignee_id\", \"service_id\") WHERE status NOT IN ('resolved', 'closed')");
    await queryRunner.query("ALTER TABLE \"classifier_examples\" ADD CONSTRAINT \"FK_8df20f9b5b20371c81c729a4073\" FOREIGN KEY (\"service_id\") REFERENCES \"services\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // Data, written by hand. Members who held a service head's account headed their services.
    await queryRunner.query("UPDATE \"user_services\" us SET \"role\" = 'service_head' FROM \"users\" u WHERE u.\"id\" = us.\"user_id\" AND u.\"role\" = 'service_head'");
    // Service keywords used to route: each service's keywords become a rule, in the old order (by name).
    await queryRunner.query("INSERT INTO \"routing_rules\" (\"position\", \"name\", \"conditions\", \"actions\") SELECT row_number() OVER (ORDER BY s.\"name\", s.\"id\"), left('Mots-clés ' || s.\"name\", 100), jsonb_build_object('keywords', to_jsonb(s.\"keywords\")), jsonb_build_object('serviceId', s.\"id\"::text) FROM \"services\" s WHERE NOT s.\"is_triage\" AND cardinality(s.\"keywords\") > 0");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"classifier_examples\" DROP CONSTRAINT \"FK_8df20f9b5b20371c81c729a4073\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_tickets_open_by_assignee\"");
    await queryRunner.query("ALTER TABLE \"user_services\" DROP COLUMN \"last_assigned_turn\"");
    await queryRunner.query("ALTER TABLE \"user_services\" DROP COLUMN \"role\"");
    await queryRunner.query("DROP TYPE \"public\".\"service_member_role\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"sensitive\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"tags\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"rerouted_at\"");
    await queryRunner.query("ALTER TABLE \"tickets\" DROP COLUMN \"routing\"");
    await queryRunner.query("ALTER TABLE \"services\" DROP COLUMN \"max_open_per_agent\"");
    await queryRunner.query("ALTER TABLE \"services\" DROP COLUMN \"assignment_mode\"");
    await queryRunner.query("DROP TYPE \"public\".\"service_assignment_mode\"");
    await queryRunner.query("ALTER TABLE \"services\" DROP COLUMN \"open311_group\"");
    await queryRunner.query("ALTER TABLE \"services\" DROP COLUMN \"open311_listed\"");
    await queryRunner.query("ALTER TABLE \"contacts\" DROP COLUMN \"tags\"");
    await queryRunner.query("ALTER TABLE \"users\" DROP COLUMN \"calendar\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_classifier_examples_service\"");
    await queryRunner.query("DROP TABLE \"classifier_examples\"");
    await queryRunner.query("DROP TABLE \"classifier_models\"");
    await queryRunner.query("DROP TABLE \"routing_rules\"");
  }
}
