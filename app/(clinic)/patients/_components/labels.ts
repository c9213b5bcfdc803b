export function formatDate(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '—';
}

export function formatDateTime(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}
