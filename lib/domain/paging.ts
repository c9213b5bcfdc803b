// Lists shown a page at a time (caseload, patient list, sign-off queue, audit trail): which rows a page
// holds and how many pages there are, the same way everywhere.

/** The rows of page `page` (anything below 1, or not a number, is page 1). */
export function pageSlice(page: number, pageSize: number): { page: number; skip: number; take: number } {
  const number = Number.isFinite(page) ? Math.max(1, Math.trunc(page)) : 1;
  return { page: number, skip: (number - 1) * pageSize, take: pageSize };
}

/** How many pages `total` rows fill; an empty list still has its one (empty) page. */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
