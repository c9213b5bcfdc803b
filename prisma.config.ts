// Prisma CLI configuration. Prisma 6.19's CLI runs fully offline only with its Wasm schema engine
// (engine: 'js') and a driver adapter; see ../shared/STACK.md and the README.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The CLI checks that a native schema-engine file exists before any command, even with engine 'js',
// where that file is never executed. Point it at a file that exists so the check passes offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

type ScriptRunner = {
  client: { query: (sql: string) => Promise<unknown> };
  onError: (error: unknown) => never;
  executeScript: (script: string) => Promise<void>;
};

// adapter-pg's executeScript splits a migration on every ';', which breaks PL/pgSQL function bodies
// (our immutability triggers) and applies a migration statement by statement. Send the whole script as
// one simple-protocol query instead: PostgreSQL then runs it as a single implicit transaction, so a
// failing migration leaves nothing half-applied.
class PrismaPgWholeScripts extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const runner = adapter as unknown as ScriptRunner;
    runner.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set (the project scripts set it; see README).');
    // adapter-pg 7.10.x on purpose: 6.19.3 cannot deserialize the `name` column type in migrations
    // (prisma/orm#27403).
    return new PrismaPgWholeScripts({ connectionString });
  },
});
