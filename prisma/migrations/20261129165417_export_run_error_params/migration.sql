/*
  Warnings:

  - You are about to drop the column `error_message` on the `export_runs` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "export_runs" DROP COLUMN "error_message",
ADD COLUMN     "error_params" JSONB;
