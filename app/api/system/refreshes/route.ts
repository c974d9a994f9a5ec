// Polled by the Status tab while a refresh is queued or running.
import { NextResponse } from "next/server";
import { routeHandler } from "@/lib/auth/route-handler";
import { refreshHistory } from "@/lib/schedule/refresh-view";

export const GET = routeHandler("system:view", async () =>
  NextResponse.json(await refreshHistory(1), { headers: { "Cache-Control": "no-store" } }),
);
