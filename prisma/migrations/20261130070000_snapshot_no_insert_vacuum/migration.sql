-- No autovacuum of the snapshot for inserts alone. A first fill inserts a million rows, committed
-- chunk by chunk, and autovacuum went over the table in the middle of every such export (about
-- half a CPU second of a 1M-member export, on a two-core machine that is busy with it). An
-- insert-only pass sets visibility bits for index-only scans and freezes rows early: the table has
-- no index, and freezing still happens when the freeze age says so. Dead rows (rebuilds, changed
-- members) still trigger vacuums, and autoanalyze is unchanged.
ALTER TABLE "export_list_snapshots" SET (autovacuum_vacuum_insert_threshold = -1);
