import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTicketSearch1796199833702 implements MigrationInterface {
  name = 'AddTicketSearch1796199833702';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ticket_search\" (\"ticket_id\" uuid NOT NULL, \"service_id\" uuid NOT NULL, \"document\" tsvector NOT NULL, CONSTRAINT \"PK_a3b69a4f571bc0d8398f748c492\" PRIMARY KEY (\"ticket_id\"))");
    await queryRunner.query("ALTER TABLE \"ticket_search\" ADD CONSTRAINT \"FK_a3b69a4f571bc0d8398f748c492\" FOREIGN KEY (\"ticket_id\") REFERENCES \"tickets\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");

    // Written by hand from here: one search document per ticket, kept by PostgreSQL (see
    // tickets/ticket-search.entity.ts and tickets/message-search.ts, whose folding this repeats literally:
    // a migration never changes).
    //
    // The text of a message, folded (lower case, no accents), as a French tsvector. At most 100,000
    // characters are read at a time: a tsvector cannot exceed 1 MB, and a hostile text of short distinct
    // words costs about 3.5 bytes per character.
    await queryRunner.query(`CREATE FUNCTION ticket_search_vector(body text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT to_tsvector('french'::regconfig, translate(lower(left(coalesce(body, ''), 100000)),
        'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ',
        'aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa')) $$`);
    // Adds `addition` to a ticket's document unless the document is already large (a thread of some
    // 500 kB of distinct words; what it had stays searchable): a message is never refused for its search.
    await queryRunner.query(`CREATE FUNCTION ticket_search_extend(document tsvector, addition tsvector)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN octet_length(document::text) < 500000 THEN document || addition ELSE document END $$`);
    // Rebuilds the documents of `ids` from their messages (an edit, a deletion, a message moved).
    await queryRunner.query(`CREATE FUNCTION ticket_search_rebuild(ids uuid[]) RETURNS void LANGUAGE sql
      AS $$
        DELETE FROM ticket_search s WHERE s.ticket_id = ANY(ids)
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = s.ticket_id);
        INSERT INTO ticket_search AS s (ticket_id, service_id, document)
        SELECT t.id, t.service_id, ticket_search_vector(string_agg(m.body, E'\\n' ORDER BY m.created_at, m.id))
          FROM tickets t JOIN messages m ON m.ticket_id = t.id
         WHERE t.id = ANY(ids)
         GROUP BY t.id
         ORDER BY t.id
        ON CONFLICT (ticket_id) DO UPDATE SET document = excluded.document, service_id = excluded.service_id
      $$`);
    // A statement's new messages are appended to their tickets' documents, once per statement (an
    // ingested batch is one INSERT), in ticket order so that concurrent statements lock alike.
    await queryRunner.query(`CREATE FUNCTION ticket_search_messages_inserted() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN
        INSERT INTO ticket_search AS s (ticket_id, service_id, document)
        SELECT a.ticket_id, t.service_id, ticket_search_vector(a.text)
          FROM (SELECT ticket_id, string_agg(body, E'\\n' ORDER BY created_at, id) AS text
                  FROM added GROUP BY ticket_id) a
          JOIN tickets t ON t.id = a.ticket_id
         ORDER BY a.ticket_id
        ON CONFLICT (ticket_id) DO UPDATE SET document = ticket_search_extend(s.document, excluded.document);
        RETURN NULL;
      END $$`);
    // Updates of other columns (delivery status, platform state…) leave the documents alone.
    await queryRunner.query(`CREATE FUNCTION ticket_search_messages_updated() RETURNS trigger LANGUAGE plpgsql
      AS $$ DECLARE ids uuid[];
      BEGIN
        SELECT array_agg(DISTINCT x) INTO ids
          FROM before b JOIN after a ON a.id = b.id, LATERAL (VALUES (b.ticket_id), (a.ticket_id)) AS v(x)
         WHERE a.body IS DISTINCT FROM b.body OR a.ticket_id <> b.ticket_id;
        IF ids IS NOT NULL THEN PERFORM ticket_search_rebuild(ids); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION ticket_search_messages_deleted() RETURNS trigger LANGUAGE plpgsql
      AS $$ DECLARE ids uuid[];
      BEGIN
        SELECT array_agg(DISTINCT ticket_id) INTO ids FROM removed;
        IF ids IS NOT NULL THEN PERFORM ticket_search_rebuild(ids); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION ticket_search_ticket_rerouted() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN
        UPDATE ticket_search SET service_id = NEW.service_id WHERE ticket_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_messages_search_inserted AFTER INSERT ON messages
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_inserted()`);
    await queryRunner.query(`CREATE TRIGGER tr_messages_search_updated AFTER UPDATE ON messages
      REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_updated()`);
    await queryRunner.query(`CREATE TRIGGER tr_messages_search_deleted AFTER DELETE ON messages
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_deleted()`);
    await queryRunner.query(`CREATE TRIGGER tr_tickets_search_rerouted AFTER UPDATE OF service_id ON tickets
      FOR EACH ROW WHEN (OLD.service_id IS DISTINCT FROM NEW.service_id) EXECUTE FUNCTION ticket_search_ticket_rerouted()`);

    // The documents of the tickets that exist, then the index (faster built once than row by row).
    await queryRunner.query(`INSERT INTO ticket_search (ticket_id, service_id, document)
      SELECT t.id, t.service_id, ticket_search_vector(string_agg(m.body, E'\\n' ORDER BY m.created_at, m.id))
        FROM tickets t JOIN messages m ON m.ticket_id = t.id GROUP BY t.id`);
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gin');
    await queryRunner.query(
      'CREATE INDEX "ix_ticket_search_document" ON "ticket_search" USING gin ("service_id", "document")',
    );
    // The per-message index it replaces.
    await queryRunner.query('DROP INDEX "ix_messages_search"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_messages_search" ON "messages" USING gin (to_tsvector('french'::regconfig, translate(lower(body), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ', 'aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa')))`,
    );
    await queryRunner.query('DROP TRIGGER tr_tickets_search_rerouted ON tickets');
    await queryRunner.query('DROP TRIGGER tr_messages_search_deleted ON messages');
    await queryRunner.query('DROP TRIGGER tr_messages_search_updated ON messages');
    await queryRunner.query('DROP TRIGGER tr_messages_search_inserted ON messages');
    await queryRunner.query('DROP FUNCTION ticket_search_ticket_rerouted()');
    await queryRunner.query('DROP FUNCTION ticket_search_messages_deleted()');
    await queryRunner.query('DROP FUNCTION ticket_search_messages_updated()');
    await queryRunner.query('DROP FUNCTION ticket_search_messages_inserted()');
    await queryRunner.query('DROP FUNCTION ticket_search_rebuild(uuid[])');
    await queryRunner.query('DROP FUNCTION ticket_search_extend(tsvector, tsvector)');
    await queryRunner.query('DROP FUNCTION ticket_search_vector(text)');
    await queryRunner.query("ALTER TABLE \"ticket_search\" DROP CONSTRAINT \"FK_a3b69a4f571bc0d8398f748c492\"");
    await queryRunner.query("DROP TABLE \"ticket_search\"");
  }
}
