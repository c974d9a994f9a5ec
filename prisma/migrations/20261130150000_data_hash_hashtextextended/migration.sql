-- The hash of the dataFields sent (export_list_members.data_hash, export_list_snapshots.data_hash)
-- is now hashtextextended(data, 0) as text instead of md5(data): md5 cost PostgreSQL ~0.7 s per
-- million members of a first export, hashtextextended ~0.1 s (lib/export-engine/member-sql.ts).
-- An acknowledged hash is converted where the list's snapshot holds data with that very md5 for
-- the email: the same data, so its new hash. The others (a snapshot lost in a crash, data changed
-- since, the rows of a first fill's table a crash left unattached) keep their md5, which equals
-- no new hash: the next run sends those members again, as it would any changed data. Rows
-- without dataFields keep their empty hash.
UPDATE export_list_members m SET data_hash = hashtextextended(s.data, 0)::text
FROM export_list_snapshots s
WHERE s.export_list_id = m.export_list_id AND s.email = m.email AND NOT s.dup
  AND s.data IS NOT NULL AND s.data_hash = m.data_hash AND m.data_hash <> '';
UPDATE export_list_snapshots SET data_hash = hashtextextended(data, 0)::text WHERE data IS NOT NULL;
