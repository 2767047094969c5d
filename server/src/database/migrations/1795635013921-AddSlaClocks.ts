import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSlaClocks1795635013921 implements MigrationInterface {
  name = 'AddSlaClocks1795635013921';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "ticket_id" uuid, "title" character varying(200) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_notifications_user_created" ON "notifications"  ("user_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "settings" ("key" character varying(100) NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c8639b7626fa94ba8265628f214" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"sla_policy_priority\" AS ENUM('low', 'normal', 'high', 'urgent')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"sla_policy_platform\" AS ENUM('facebook', 'instagram', 'mastodon', 'x', 'open311')",
    );
    await queryRunner.query(
      'CREATE TABLE "sla_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "position" integer NOT NULL, "priority" "public"."sla_policy_priority", "platform" "public"."sla_policy_platform", "first_response_minutes" integer NOT NULL, "next_response_minutes" integer NOT NULL, "resolution_minutes" integer NOT NULL, CONSTRAINT "PK_41b6803cef982534243a67b6302" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"sla_clock_kind\" AS ENUM('first_response', 'next_response', 'resolution')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"sla_clock_state\" AS ENUM('running', 'paused', 'overdue', 'met', 'missed')",
    );
    await queryRunner.query(
      'CREATE TABLE "ticket_sla_clocks" ("ticket_id" uuid NOT NULL, "kind" "public"."sla_clock_kind" NOT NULL, "state" "public"."sla_clock_state" NOT NULL, "target_minutes" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE, "warning_at" TIMESTAMP WITH TIME ZONE, "remaining_minutes" double precision NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "paused_since" TIMESTAMP WITH TIME ZONE, "achieved_at" TIMESTAMP WITH TIME ZONE, "achieved_business_minutes" double precision, "achieved_calendar_minutes" double precision, "warned_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_39605d19f5b73177ef1a35b2f6e" PRIMARY KEY ("ticket_id", "kind"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_sla_clocks_breach_due" ON "ticket_sla_clocks"  ("deadline_at") WHERE "breached_at" IS NULL AND "achieved_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_sla_clocks_warning_due" ON "ticket_sla_clocks"  ("warning_at") WHERE "warned_at" IS NULL AND "achieved_at" IS NULL',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ticket_status_change_from\" AS ENUM('new', 'open', 'pending', 'resolved', 'closed')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ticket_status_change_to\" AS ENUM('new', 'open', 'pending', 'resolved', 'closed')",
    );
    await queryRunner.query(
      'CREATE TABLE "ticket_status_changes" ("id" BIGSERIAL NOT NULL, "ticket_id" uuid NOT NULL, "from_status" "public"."ticket_status_change_from", "to_status" "public"."ticket_status_change_to" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" uuid, CONSTRAINT "PK_a521549da6f37a3cb77bc4519f2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_ticket_status_changes_ticket" ON "ticket_status_changes"  ("ticket_id", "at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "services" ADD "calendar" jsonb NOT NULL DEFAULT \'{"timeZone":"Europe/Paris","hours":{"mon":[["08:30","12:00"],["13:30","17:00"]],"tue":[["08:30","12:00"],["13:30","17:00"]],"wed":[["08:30","12:00"],["13:30","17:00"]],"thu":[["08:30","12:00"],["13:30","17:00"]],"fri":[["08:30","12:00"],["13:30","17:00"]],"sat":[],"sun":[]},"holidays":[],"frenchHolidays":"metropole","closures":[]}\'',
    );
    // Hand-written: the default only fills existing services; new ones get it from the entity.
    await queryRunner.query('ALTER TABLE "services" ALTER COLUMN "calendar" DROP DEFAULT');
    await queryRunner.query(
      'ALTER TABLE "services" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()',
    );
    await queryRunner.query('ALTER TABLE "tickets" ADD "sla_due_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ticket_sla_kind\" AS ENUM('first_response', 'next_response', 'resolution')",
    );
    await queryRunner.query('ALTER TABLE "tickets" ADD "sla_kind" "public"."ticket_sla_kind"');
    await queryRunner.query('ALTER TABLE "tickets" ADD "sla_paused" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "tickets" ADD "sla_remaining_minutes" double precision');
    await queryRunner.query('ALTER TABLE "tickets" ADD "first_response_business_minutes" double precision');
    await queryRunner.query('CREATE INDEX "ix_tickets_sla_due" ON "tickets"  ("sla_due_at") ');
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "FK_13a9cad1699b8427dc016dd6766" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_status_changes" ADD CONSTRAINT "FK_65ada2cceab6c440768a41212f5" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Hand-written: default targets in staffed minutes (a staffed day of the default calendar is 7 h),
    // so every install measures something from the start; admins change them in the UI.
    await queryRunner.query(
      `INSERT INTO "sla_policies" ("name", "position", "priority", "platform", "first_response_minutes", "next_response_minutes", "resolution_minutes") VALUES
        ('Urgent', 1, 'urgent', NULL, 60, 120, 420),
        ('Haute', 2, 'high', NULL, 210, 420, 1260),
        ('Normale', 3, 'normal', NULL, 420, 840, 2100),
        ('Basse', 4, 'low', NULL, 840, 1260, 4200)`,
    );
    // Hand-written: the status history the clocks' pauses come from, for tickets created before it existed.
    await queryRunner.query(
      `INSERT INTO "ticket_status_changes" ("ticket_id", "from_status", "to_status", "at")
       SELECT "id", NULL, 'new', "created_at" FROM "tickets"`,
    );
    await queryRunner.query(
      `INSERT INTO "ticket_status_changes" ("ticket_id", "from_status", "to_status", "at")
       SELECT "id", 'new', "status"::text::"ticket_status_change_to", "updated_at" FROM "tickets" WHERE "status" <> 'new'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "ticket_status_changes" DROP CONSTRAINT "FK_65ada2cceab6c440768a41212f5"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sla_clocks" DROP CONSTRAINT "FK_13a9cad1699b8427dc016dd6766"',
    );
    await queryRunner.query('ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"');
    await queryRunner.query('DROP INDEX "public"."ix_tickets_sla_due"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "first_response_business_minutes"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "sla_remaining_minutes"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "sla_paused"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "sla_kind"');
    await queryRunner.query('DROP TYPE "public"."ticket_sla_kind"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "sla_due_at"');
    await queryRunner.query('ALTER TABLE "services" DROP COLUMN "updated_at"');
    await queryRunner.query('ALTER TABLE "services" DROP COLUMN "calendar"');
    await queryRunner.query('DROP INDEX "public"."ix_ticket_status_changes_ticket"');
    await queryRunner.query('DROP TABLE "ticket_status_changes"');
    await queryRunner.query('DROP TYPE "public"."ticket_status_change_to"');
    await queryRunner.query('DROP TYPE "public"."ticket_status_change_from"');
    await queryRunner.query('DROP INDEX "public"."ix_sla_clocks_warning_due"');
    await queryRunner.query('DROP INDEX "public"."ix_sla_clocks_breach_due"');
    await queryRunner.query('DROP TABLE "ticket_sla_clocks"');
    await queryRunner.query('DROP TYPE "public"."sla_clock_state"');
    await queryRunner.query('DROP TYPE "public"."sla_clock_kind"');
    await queryRunner.query('DROP TABLE "sla_policies"');
    await queryRunner.query('DROP TYPE "public"."sla_policy_platform"');
    await queryRunner.query('DROP TYPE "public"."sla_policy_priority"');
    await queryRunner.query('DROP TABLE "settings"');
    await queryRunner.query('DROP INDEX "public"."ix_notifications_user_created"');
    await queryRunner.query('DROP TABLE "notifications"');
  }
}
