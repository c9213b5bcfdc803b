import 'server-only';
import { db } from '../db';

/** The cheapest round trip to the database through the app's own pool: the floor every page stands on. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
