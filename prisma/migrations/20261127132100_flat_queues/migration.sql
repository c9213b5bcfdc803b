-- Pages that stay as fast when a clinic network grows tenfold (issue 14, docs/benchmark.md).
--
-- The surgeon's sign-off queue shows the oldest pending requests first, 20 a page. With only
-- ("surgeonId", "status") to go on, PostgreSQL read every pending request of the surgeon, joined each to its
-- item, version, plan, episode and patient, sorted them all and kept 20. With the queue's own order in the
-- index it walks the pending requests oldest first and stops after the page. It replaces the shorter index,
-- which it covers.
DROP INDEX "SignOff_surgeonId_status_idx";

CREATE INDEX "SignOff_surgeonId_status_requestedAt_id_idx" ON "SignOff"("surgeonId", "status", "requestedAt", "id");
