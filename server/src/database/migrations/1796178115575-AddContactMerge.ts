import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddContactMerge1796178115575 implements MigrationInterface {
  name = 'AddContactMerge1796178115575';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"contacts\" ADD \"merged_into_id\" uuid");
    await queryRunner.query("ALTER TABLE \"contacts\" ADD CONSTRAINT \"FK_e2f4d47aaaf1a18f6894d9f0cab\" FOREIGN KEY (\"merged_into_id\") REFERENCES \"contacts\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"contacts\" DROP CONSTRAINT \"FK_e2f4d47aaaf1a18f6894d9f0cab\"");
    await queryRunner.query("ALTER TABLE \"contacts\" DROP COLUMN \"merged_into_id\"");
  }
}
