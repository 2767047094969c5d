import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddContactSearch1796187249465 implements MigrationInterface {
  name = 'AddContactSearch1796187249465';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: the merge picker finds a person by any part of their name, handle or platform
    // id (an e-mail, a phone), accents and case ignored; a trigram index serves « contains » searches.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`CREATE OR REPLACE FUNCTION contact_search_text(display_name text, handle text, platform_user_id text)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT public.immutable_unaccent(lower(
        coalesce(display_name, '') || ' ' || coalesce(handle, '') || ' ' || coalesce(platform_user_id, '')
      )) $$`);
    await queryRunner.query(
      'CREATE INDEX "ix_contacts_search" ON "contacts" USING gin (contact_search_text("display_name", "handle", "platform_user_id") gin_trgm_ops)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_contacts_search"');
    await queryRunner.query('DROP FUNCTION contact_search_text(text, text, text)');
  }
}
