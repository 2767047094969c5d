import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { pendingSchemaChanges } from '../pending-schema-changes';

/**
 * `npm run migration:generate -- AddSomething`: migrates a throwaway in-memory database with the
 * committed migrations, diffs it against the entities and writes what is missing as a new migration
 * in src/database/migrations (to be read by a person before it is committed).
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Usage: npm run migration:generate -- PascalCaseName');
  }
  const pg = await startEmbeddedPostgres(null);
  const ds = new DataSource(dataSourceOptions({ url: pg.url, embedded: true }));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const { up, down } = await pendingSchemaChanges(ds);
    if (up.length === 0) {
      console.log('No changes: the migrations match the entities.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const q = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...down].reverse().map(q).join('\n')}
  }
}
`;
    const dir = join(__dirname, '../../../../src/database/migrations');
    const file = `${timestamp}-${name}`;
    writeFileSync(join(dir, `${file}.ts`), source);
    const indexPath = join(dir, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(/^((?:import .*\n)*)/, `$1import { ${className} } from './${file}';\n`)
      .replace(/= \[(.*)\];/s, (_m, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return `= [${[...items, className].join(', ')}];`;
      });
    writeFileSync(indexPath, index);
    console.log(
      `Wrote src/database/migrations/${file}.ts (${up.length} statements). Read it before committing.`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
