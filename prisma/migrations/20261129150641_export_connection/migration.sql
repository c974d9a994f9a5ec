-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;
