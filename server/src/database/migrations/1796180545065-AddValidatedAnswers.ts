import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddValidatedAnswers1796180545065 implements MigrationInterface {
  name = 'AddValidatedAnswers1796180545065';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: accent folding for the answers' full-text search. unaccent() is only STABLE,
    // so an IMMUTABLE wrapper (the dictionary named explicitly) lets a generated column and an index use it.
    await queryRunner.query("CREATE EXTENSION IF NOT EXISTS unaccent");
    await queryRunner.query(`CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    // Search terms: the French stems of the text as written, accents folded afterwards, plus the stems
    // of the folded text (what one gets typing without accents), so both ways of writing meet.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION answer_search_terms(text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.immutable_unaccent(to_tsvector('pg_catalog.french'::regconfig, $1)::text)::tsvector
                || to_tsvector('pg_catalog.french'::regconfig, public.immutable_unaccent($1)) $$`);
    // Title (A), tags (B) and text (C), placeholders such as {prenom} left out.
    await queryRunner.query(String.raw`CREATE OR REPLACE FUNCTION answer_search_document(title text, tags text[], body text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT
        setweight(public.answer_search_terms(coalesce(title, '')), 'A') ||
        setweight(public.answer_search_terms(coalesce(array_to_string(tags, ' '), '')), 'B') ||
        setweight(public.answer_search_terms(regexp_replace(coalesce(body, ''), '\{[a-z_]+\}', ' ', 'g')), 'C')
      $$`);
    // What an agent types: every word must match, as a prefix of either of its stems; NULL without words.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION answer_search_query(text) RETURNS tsquery
      LANGUAGE sql STABLE PARALLEL SAFE STRICT
      AS $$ SELECT to_tsquery('simple', string_agg('(' || alternatives || ')', ' & '))
              FROM (SELECT string_agg(DISTINCT quote_literal(l) || ':*', ' | ') AS alternatives
                      FROM ts_parse('default', $1) WITH ORDINALITY AS tok(tokid, token, n),
                           unnest(tsvector_to_array(public.answer_search_terms(tok.token))) AS l
                     GROUP BY tok.n) words $$`);
    // TypeORM keeps generated columns' expressions in its own table (it compares them there).
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'answers', 'GENERATED_COLUMN', 'search', $1)`,
      ['answer_search_document("title", "tags", "body")'],
    );
    await queryRunner.query("CREATE TYPE \"public\".\"answer_status\" AS ENUM('draft', 'validated', 'archived')");
    await queryRunner.query("CREATE TYPE \"public\".\"answer_suitability\" AS ENUM('public', 'private', 'both')");
    await queryRunner.query("CREATE TABLE \"answers\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"service_id\" uuid NOT NULL, \"status\" \"public\".\"answer_status\" NOT NULL DEFAULT 'draft', \"title\" character varying(160) NOT NULL, \"body\" text NOT NULL, \"tags\" text array NOT NULL DEFAULT '{}', \"suitable_for\" \"public\".\"answer_suitability\" NOT NULL, \"published_version\" integer, \"draft_version\" integer, \"usage_count\" integer NOT NULL DEFAULT '0', \"last_used_at\" TIMESTAMP WITH TIME ZONE, \"created_by_id\" uuid, \"search\" tsvector GENERATED ALWAYS AS (answer_search_document(\"title\", \"tags\", \"body\")) STORED NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_9c32cec6c71e06da0254f2226c6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query('CREATE INDEX "ix_answers_search" ON "answers" USING gin ("search")');
    await queryRunner.query("CREATE INDEX \"ix_answers_service_status\" ON \"answers\"  (\"service_id\", \"status\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"answer_version_state\" AS ENUM('draft', 'validated')");
    await queryRunner.query("CREATE TABLE \"answer_versions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"answer_id\" uuid NOT NULL, \"version\" integer NOT NULL, \"state\" \"public\".\"answer_version_state\" NOT NULL DEFAULT 'draft', \"title\" character varying(160) NOT NULL, \"body\" text NOT NULL, \"tags\" text array NOT NULL DEFAULT '{}', \"suitable_for\" \"public\".\"answer_suitability\" NOT NULL, \"author_id\" uuid, \"validated_by_id\" uuid, \"validated_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2a76ad816c87c17a5300ea84892\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_answer_versions_answer_version\" ON \"answer_versions\"  (\"answer_id\", \"version\") ");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"answer_id\" uuid");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"answer_version\" integer");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"answer_edited\" boolean");
    await queryRunner.query("ALTER TABLE \"answers\" ADD CONSTRAINT \"FK_c8a107f240aa391b8f79bfc793b\" FOREIGN KEY (\"service_id\") REFERENCES \"services\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"answers\" ADD CONSTRAINT \"FK_5b8584240b2630bd1ea3b7b69da\" FOREIGN KEY (\"created_by_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"answer_versions\" ADD CONSTRAINT \"FK_bc0c45785e127e233360e4e4fd0\" FOREIGN KEY (\"answer_id\") REFERENCES \"answers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"answer_versions\" ADD CONSTRAINT \"FK_e4d187826397a9bc20498d0be42\" FOREIGN KEY (\"author_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"answer_versions\" ADD CONSTRAINT \"FK_af22be2a9bbaa404c1845e24195\" FOREIGN KEY (\"validated_by_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"messages\" ADD CONSTRAINT \"FK_57608a785766ba9d857c06194d0\" FOREIGN KEY (\"answer_id\") REFERENCES \"answers\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"messages\" DROP CONSTRAINT \"FK_57608a785766ba9d857c06194d0\"");
    await queryRunner.query("ALTER TABLE \"answer_versions\" DROP CONSTRAINT \"FK_af22be2a9bbaa404c1845e24195\"");
    await queryRunner.query("ALTER TABLE \"answer_versions\" DROP CONSTRAINT \"FK_e4d187826397a9bc20498d0be42\"");
    await queryRunner.query("ALTER TABLE \"answer_versions\" DROP CONSTRAINT \"FK_bc0c45785e127e233360e4e4fd0\"");
    await queryRunner.query("ALTER TABLE \"answers\" DROP CONSTRAINT \"FK_5b8584240b2630bd1ea3b7b69da\"");
    await queryRunner.query("ALTER TABLE \"answers\" DROP CONSTRAINT \"FK_c8a107f240aa391b8f79bfc793b\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"answer_edited\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"answer_version\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"answer_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_answer_versions_answer_version\"");
    await queryRunner.query("DROP TABLE \"answer_versions\"");
    await queryRunner.query("DROP TYPE \"public\".\"answer_version_state\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_answers_service_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_answers_search\"");
    await queryRunner.query("DROP TABLE \"answers\"");
    await queryRunner.query("DROP TYPE \"public\".\"answer_suitability\"");
    await queryRunner.query("DROP TYPE \"public\".\"answer_status\"");
    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'answers' AND "name" = 'search'`);
    await queryRunner.query("DROP FUNCTION answer_search_query(text)");
    await queryRunner.query("DROP FUNCTION answer_search_document(text, text[], text)");
    await queryRunner.query("DROP FUNCTION answer_search_terms(text)");
    await queryRunner.query("DROP FUNCTION immutable_unaccent(text)");
  }
}
