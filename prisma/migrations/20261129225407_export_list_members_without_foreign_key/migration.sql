-- The acknowledged state has no foreign key to its binding: the per-row check was ~40% of each
-- batch commit. Removing a binding deletes its rows in the same transaction (exports.ts).
-- DropForeignKey
ALTER TABLE "export_list_members" DROP CONSTRAINT "export_list_members_export_list_id_fkey";
