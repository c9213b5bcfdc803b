import Link from 'next/link';

/** Previous/next links for a list shown a page at a time; nothing when it fits on one page. */
export function PageNav({ label, path, page, pageCount, param = 'page', hash }: { label: string; path: string; page: number; pageCount: number; param?: string; hash?: string }) {
  if (pageCount <= 1) return null;
  const href = (to: number) => `${path}?${param}=${to}${hash ? `#${hash}` : ''}`;
  return (
    <nav aria-label={label} className="row">
      {page > 1 ? <Link href={href(Math.min(page, pageCount) - 1)}>Previous page</Link> : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link href={href(page + 1)}>Next page</Link> : null}
    </nav>
  );
}

/** The page number from a `?page=` search parameter: 1 unless it is a whole number of at least 1. */
export function pageFrom(value: string | string[] | undefined): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, page);
}
