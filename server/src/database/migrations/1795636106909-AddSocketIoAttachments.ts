import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the table @socket.io/postgres-adapter uses for events larger than a NOTIFY payload
 * (8000 bytes). Not an entity: the adapter owns its rows and deletes them after 30 s.
 */
export class AddSocketIoAttachments1795636106909 implements MigrationInterface {
  name = 'AddSocketIoAttachments1795636106909';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS "socket_io_attachments" ("id" bigserial UNIQUE, "created_at" timestamptz DEFAULT now(), "payload" bytea)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS "socket_io_attachments"');
  }
}
