import type { ReactNode } from "react";

// A form-level message. Uses role="status" for success and a test id rather than
// role="alert": Next's route announcer is already an alert region.
export function FormMessage({ tone, children, id, testId }: { tone: "error" | "success"; children: ReactNode; id?: string; testId?: string }) {
  const styles = tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-800";
  return (
    <div id={id} data-testid={testId} role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${styles}`}>
      {children}
    </div>
  );
}
