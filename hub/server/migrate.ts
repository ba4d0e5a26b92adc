import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

/** Applies the SQL files in `dir` (`NNN-name.sql`, in name order) not applied yet, each in its own transaction; returns their names. */
export async function migrate(db: Db, dir: string): Promise<string[]> {
  await db.exec('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null)');
  const files = (await fs.readdir(dir)).filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const script = await fs.readFile(path.join(dir, file), 'utf8');
    const done = await db.transaction(async (tx) => {
      // Two hubs starting on one database at once: the second waits here, then finds the file applied.
      await tx.query('select pg_advisory_xact_lock(7263541)');
      const seen = await tx.query('select 1 from schema_migrations where name = $1', [file]);
      if (seen.rows.length > 0) return false;
      await tx.exec(script);
      await tx.query('insert into schema_migrations (name, applied_at) values ($1, now())', [file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}
