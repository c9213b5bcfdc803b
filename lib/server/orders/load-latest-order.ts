import 'server-only';
import { db } from '../db';
import { orderSelect, type OrderRow } from './order-select';

/** The episode's order in force (its newest version), or null. Internal: callers scoped the episode to the actor. */
export async function loadLatestOrder(episodeId: string): Promise<OrderRow | null> {
  return db.surgeonOrder.findFirst({ where: { episodeId }, orderBy: { version: 'desc' }, select: orderSelect });
}
