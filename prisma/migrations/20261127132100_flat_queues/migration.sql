-- Pages that stay as fast when a clinic network grows tenfold (issue 14, docs/benchmark.md).
--
-- The surgeon's sign-off queue shows the oldest pending requests first, 20 a page. With only
-- ("surgeonId", "status") to go on, PostgreSQL read every pending request of the surgeon, joined each to its
-- item, version, plan, episode and patient, sorted them all and kept 20. In the queue's own order, and
-- holding pending rows only (decided ones, most of the table, are never read), it walks the first 20 and
-- stops. Not expressible in schema.prisma (a partial index); Prisma leaves indexes it does not know alone.
CREATE INDEX "SignOff_pending_queue_idx" ON "SignOff"("surgeonId", "requestedAt", "id") WHERE "status" = 'PENDING';

-- Open alerts, newest first, per clinic (the top of the caseload and of the sign-off queue): the open ones
-- only, in the order they are shown, so the page reads the newest 20 instead of sorting the clinic's open
-- alerts.
CREATE INDEX "Alert_open_newest_idx" ON "Alert"("clinicId", "raisedAt" DESC, "id" DESC) WHERE "acknowledgedAt" IS NULL;
