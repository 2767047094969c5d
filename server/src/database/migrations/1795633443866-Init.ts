import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795633443866 implements MigrationInterface {
  name = 'Init1795633443866';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_user_id" uuid, "action" character varying(64) NOT NULL, "target_type" character varying(64) NOT NULL, "target_id" character varying(200), "details" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_audit_events_target" ON "audit_events"  ("target_type", "target_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"channel_account_platform\" AS ENUM('facebook', 'instagram', 'mastodon', 'x', 'open311')",
    );
    await queryRunner.query('CREATE TYPE "public"."channel_account_status" AS ENUM(\'active\', \'paused\')');
    await queryRunner.query(
      'CREATE TABLE "channel_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "platform" "public"."channel_account_platform" NOT NULL, "external_id" character varying(128) NOT NULL, "name" character varying(200) NOT NULL, "credentials_encrypted" text, "status" "public"."channel_account_status" NOT NULL DEFAULT \'active\', "last_webhook_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_channel_accounts_platform_external" UNIQUE ("platform", "external_id"), CONSTRAINT "PK_b23fdcb822c5261260a4c88041e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "rate_limit_buckets" ("key" character varying(300) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_9eb2f8a2ae370667b4ca83dd313" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"contact_platform\" AS ENUM('facebook', 'instagram', 'mastodon', 'x', 'open311')",
    );
    await queryRunner.query(
      'CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "platform" "public"."contact_platform" NOT NULL, "platform_user_id" character varying(128) NOT NULL, "handle" character varying(200), "display_name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_contacts_platform_user" UNIQUE ("platform", "platform_user_id"), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "services" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(64) NOT NULL, "name" character varying(120) NOT NULL, "description" text NOT NULL DEFAULT \'\', "keywords" text array NOT NULL DEFAULT \'{}\', "is_triage" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_02cf0d0f46e11d22d952f623670" UNIQUE ("slug"), CONSTRAINT "PK_ba2d347a3168a296416c6c5ccb2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_role\" AS ENUM('agent', 'service_head', 'admin', 'elected')",
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "password_hash" character varying(100) NOT NULL, "role" "public"."user_role" NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ticket_status\" AS ENUM('new', 'open', 'pending', 'resolved', 'closed')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ticket_priority\" AS ENUM('low', 'normal', 'high', 'urgent')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ticket_platform\" AS ENUM('facebook', 'instagram', 'mastodon', 'x', 'open311')",
    );
    await queryRunner.query(
      'CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" SERIAL NOT NULL, "subject" character varying(200) NOT NULL, "status" "public"."ticket_status" NOT NULL DEFAULT \'new\', "priority" "public"."ticket_priority" NOT NULL DEFAULT \'normal\', "platform" "public"."ticket_platform" NOT NULL, "service_id" uuid NOT NULL, "assignee_id" uuid, "contact_id" uuid, "channel_account_id" uuid, "thread_key" character varying(200), "context" jsonb, "routing_explanation" text, "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_response_due_at" TIMESTAMP WITH TIME ZONE, "first_responded_at" TIMESTAMP WITH TIME ZONE, "first_response_minutes" double precision, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_475c055bd3fc3ea3937e312ee2f" UNIQUE ("reference"), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_tickets_first_response_due" ON "tickets"  ("first_response_due_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_tickets_thread" ON "tickets"  ("channel_account_id", "thread_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_tickets_service_last_message" ON "tickets"  ("service_id", "last_message_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"message_direction\" AS ENUM('inbound', 'outbound', 'internal')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"message_kind\" AS ENUM('comment', 'direct', 'mention', 'request')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"delivery_status\" AS ENUM('received', 'queued', 'sent', 'failed')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"message_platform_state\" AS ENUM('visible', 'hidden', 'removed')",
    );
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "channel_account_id" uuid, "platform_message_id" character varying(200), "platform_parent_id" character varying(200), "direction" "public"."message_direction" NOT NULL, "kind" "public"."message_kind" NOT NULL, "body" text NOT NULL, "author_contact_id" uuid, "author_user_id" uuid, "delivery_status" "public"."delivery_status" NOT NULL, "delivery_error" text, "platform_state" "public"."message_platform_state" NOT NULL DEFAULT \'visible\', "edited_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raw" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_messages_ticket_created" ON "messages"  ("ticket_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_messages_account_platform_id" ON "messages"  ("channel_account_id", "platform_message_id") WHERE "platform_message_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "user_services" ("user_id" uuid NOT NULL, "service_id" uuid NOT NULL, CONSTRAINT "PK_68ed409cb707ddff39f47691f68" PRIMARY KEY ("user_id", "service_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_37ea84a080a4b47133471852d5" ON "user_services"  ("user_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_74bbbb213ecc45e9444e3145b2" ON "user_services"  ("service_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_e460ec1588e906d63ce17f514d8" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_dff6e2b44c9b5e177114588772f" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_38b2f9803395427e46eb3467312" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_e040924bd9ba329ee4d39d0ce30" FOREIGN KEY ("channel_account_id") REFERENCES "channel_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "FK_aa8e62e23565f59d22160b35f18" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "FK_26b4618d2a493665e74455eb906" FOREIGN KEY ("channel_account_id") REFERENCES "channel_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "FK_0f58e1ce07140cc9c749726f12f" FOREIGN KEY ("author_contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "FK_9ff5ade37f97e224f67596ab6e0" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_services" ADD CONSTRAINT "FK_37ea84a080a4b47133471852d54" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "user_services" ADD CONSTRAINT "FK_74bbbb213ecc45e9444e3145b2b" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user_services" DROP CONSTRAINT "FK_74bbbb213ecc45e9444e3145b2b"');
    await queryRunner.query('ALTER TABLE "user_services" DROP CONSTRAINT "FK_37ea84a080a4b47133471852d54"');
    await queryRunner.query('ALTER TABLE "messages" DROP CONSTRAINT "FK_9ff5ade37f97e224f67596ab6e0"');
    await queryRunner.query('ALTER TABLE "messages" DROP CONSTRAINT "FK_0f58e1ce07140cc9c749726f12f"');
    await queryRunner.query('ALTER TABLE "messages" DROP CONSTRAINT "FK_26b4618d2a493665e74455eb906"');
    await queryRunner.query('ALTER TABLE "messages" DROP CONSTRAINT "FK_aa8e62e23565f59d22160b35f18"');
    await queryRunner.query('ALTER TABLE "tickets" DROP CONSTRAINT "FK_e040924bd9ba329ee4d39d0ce30"');
    await queryRunner.query('ALTER TABLE "tickets" DROP CONSTRAINT "FK_38b2f9803395427e46eb3467312"');
    await queryRunner.query('ALTER TABLE "tickets" DROP CONSTRAINT "FK_dff6e2b44c9b5e177114588772f"');
    await queryRunner.query('ALTER TABLE "tickets" DROP CONSTRAINT "FK_e460ec1588e906d63ce17f514d8"');
    await queryRunner.query('DROP INDEX "public"."IDX_74bbbb213ecc45e9444e3145b2"');
    await queryRunner.query('DROP INDEX "public"."IDX_37ea84a080a4b47133471852d5"');
    await queryRunner.query('DROP TABLE "user_services"');
    await queryRunner.query('DROP INDEX "public"."uq_messages_account_platform_id"');
    await queryRunner.query('DROP INDEX "public"."ix_messages_ticket_created"');
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('DROP TYPE "public"."message_platform_state"');
    await queryRunner.query('DROP TYPE "public"."delivery_status"');
    await queryRunner.query('DROP TYPE "public"."message_kind"');
    await queryRunner.query('DROP TYPE "public"."message_direction"');
    await queryRunner.query('DROP INDEX "public"."ix_tickets_service_last_message"');
    await queryRunner.query('DROP INDEX "public"."ix_tickets_thread"');
    await queryRunner.query('DROP INDEX "public"."ix_tickets_first_response_due"');
    await queryRunner.query('DROP TABLE "tickets"');
    await queryRunner.query('DROP TYPE "public"."ticket_platform"');
    await queryRunner.query('DROP TYPE "public"."ticket_priority"');
    await queryRunner.query('DROP TYPE "public"."ticket_status"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TYPE "public"."user_role"');
    await queryRunner.query('DROP TABLE "services"');
    await queryRunner.query('DROP TABLE "contacts"');
    await queryRunner.query('DROP TYPE "public"."contact_platform"');
    await queryRunner.query('DROP TABLE "rate_limit_buckets"');
    await queryRunner.query('DROP TABLE "channel_accounts"');
    await queryRunner.query('DROP TYPE "public"."channel_account_status"');
    await queryRunner.query('DROP TYPE "public"."channel_account_platform"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_events_target"');
    await queryRunner.query('DROP TABLE "audit_events"');
  }
}
