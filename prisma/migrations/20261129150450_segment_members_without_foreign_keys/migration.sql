-- DropForeignKey
ALTER TABLE "segment_members" DROP CONSTRAINT "segment_members_profile_id_fkey";

-- DropForeignKey
ALTER TABLE "segment_members" DROP CONSTRAINT "segment_members_segment_id_fkey";
