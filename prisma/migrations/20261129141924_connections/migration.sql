-- CreateEnum
CREATE TYPE "ConnectionType" AS ENUM ('ITERABLE');

-- CreateEnum
CREATE TYPE "ConnectionSharing" AS ENUM ('ADMINISTRATORS', 'ADMINISTRATORS_AND_CONTRIBUTORS');

-- CreateEnum
CREATE TYPE "ConnectionRegion" AS ENUM ('US', 'EU', 'SANDBOX');

-- CreateEnum
CREATE TYPE "ConnectionCheckStatus" AS ENUM ('CONNECTED', 'FAILING');

-- CreateTable
CREATE TABLE "connections" (
    "id" UUID NOT NULL,
    "type" "ConnectionType" NOT NULL,
    "display_name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "sharing" "ConnectionSharing" NOT NULL DEFAULT 'ADMINISTRATORS',
    "region" "ConnectionRegion" NOT NULL,
    "base_url" TEXT,
    "api_key_ciphertext" TEXT NOT NULL,
    "api_key_master_key_id" TEXT NOT NULL,
    "api_key_last4" TEXT NOT NULL,
    "api_key_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requests_per_second" INTEGER NOT NULL DEFAULT 10,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "batch_size" INTEGER NOT NULL DEFAULT 1000,
    "check_status" "ConnectionCheckStatus" NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "check_problem" TEXT,
    "check_http_status" INTEGER,
    "export_user_id" UUID,
    "export_user_since" TIMESTAMPTZ(3),
    "privacy_notice_version" TEXT NOT NULL,
    "privacy_accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "privacy_accepted_by_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connection_drafts" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "type" "ConnectionType" NOT NULL,
    "completed_step" INTEGER NOT NULL DEFAULT 1,
    "display_name" TEXT,
    "sharing" "ConnectionSharing" NOT NULL DEFAULT 'ADMINISTRATORS',
    "region" "ConnectionRegion",
    "base_url" TEXT,
    "api_key_ciphertext" TEXT,
    "api_key_master_key_id" TEXT,
    "api_key_last4" TEXT,
    "connected_at" TIMESTAMPTZ(3),
    "privacy_notice_version" TEXT,
    "privacy_accepted_at" TIMESTAMPTZ(3),
    "export_user_confirmed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connection_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connections_name_key_key" ON "connections"("name_key");

-- CreateIndex
CREATE INDEX "connection_drafts_owner_id_idx" ON "connection_drafts"("owner_id");

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_export_user_id_fkey" FOREIGN KEY ("export_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_privacy_accepted_by_id_fkey" FOREIGN KEY ("privacy_accepted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connection_drafts" ADD CONSTRAINT "connection_drafts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
