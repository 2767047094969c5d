import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNotificationActor1796186597078 implements MigrationInterface {
  name = 'AddNotificationActor1796186597078';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notifications\" ADD \"actor_user_id\" uuid");
    await queryRunner.query("CREATE INDEX \"ix_notifications_ticket\" ON \"notifications\"  (\"ticket_id\") ");
    await queryRunner.query("ALTER TABLE \"notifications\" ADD CONSTRAINT \"FK_d581f790e30865c8e3a385a7c19\" FOREIGN KEY (\"actor_user_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notifications\" DROP CONSTRAINT \"FK_d581f790e30865c8e3a385a7c19\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_notifications_ticket\"");
    await queryRunner.query("ALTER TABLE \"notifications\" DROP COLUMN \"actor_user_id\"");
  }
}
