import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose rows are the administrators' configuration that ingestion reads for every batch. */
const CONFIG_TABLES = ['services', 'routing_rules', 'sla_policies', 'settings', 'classifier_models'];

/**
 * Hand-written: a version of the administrators' configuration, moved by a trigger in the very
 * transaction of any change to it, so that every instance can keep that configuration in memory and
 * tell with one small query whether its copy is still current (settings/config-cache.ts). Versions
 * come from a sequence, never reused: a rolled-back change cannot leave a version that means two
 * different configurations.
 */
export class AddConfigVersion1796200547108 implements MigrationInterface {
  name = 'AddConfigVersion1796200547108';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE "config_version_seq"');
    await queryRunner.query(
      `CREATE TABLE "config_version" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"), "version" bigint NOT NULL)`,
    );
    await queryRunner.query(`INSERT INTO "config_version" ("version") VALUES (nextval('config_version_seq'))`);
    await queryRunner.query(
      `CREATE FUNCTION "bump_config_version"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE "config_version" SET "version" = nextval('config_version_seq');
         RETURN NULL;
       END $$`,
    );
    for (const table of CONFIG_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_config_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "bump_config_version"()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CONFIG_TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_config_version" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION "bump_config_version"()');
    await queryRunner.query('DROP TABLE "config_version"');
    await queryRunner.query('DROP SEQUENCE "config_version_seq"');
  }
}
