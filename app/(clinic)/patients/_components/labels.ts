import type { Clearance } from '@/lib/domain/prescription';
import type { ItemMode } from '@/lib/domain/types';

export const MODE_LABELS: Record<ItemMode, string> = {
  SELF_DIRECTED: 'Home (self-directed)',
  SUPERVISED: 'Supervised at the clinic',
};

export const CLEARANCE_LABELS: Record<Clearance, { text: string; tone: string }> = {
  CLEARED: { text: 'Cleared', tone: 'ok' },
  WAITING_FOR_SURGEON: { text: 'Waiting for surgeon', tone: 'warn' },
  DECLINED: { text: 'Declined by surgeon', tone: 'danger' },
  NOT_SENT: { text: 'Not sent', tone: '' },
};

export function formatDate(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '—';
}

export function formatDateTime(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}
