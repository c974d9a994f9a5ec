"use client";
// Sign-in: the shared zod schema gives field hints at once; the server (next-auth's authorize)
// parses again and is the authority. A refusal is always the same generic message.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { FormMessage } from "@/components/ui/FormMessage";
import { signInSchema } from "@/lib/auth/schemas";
import { isMessageKey, type MessageKey } from "@/lib/i18n/messages";

type Errors = Partial<Record<"email" | "password", MessageKey>>;

export function SignInForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failed, setFailed] = useState<MessageKey | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailed(null);
    const parsed = signInSchema.safeParse({ email, password });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof Errors;
        next[field] ??= isMessageKey(issue.message) ? issue.message : "validation.required";
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (result?.ok && !result.error) {
        router.replace("/");
        router.refresh();
        return;
      }
      setFailed("signIn.failed");
    } catch {
      setFailed("errors.generic");
    }
    setPassword("");
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={failed ? "sign-in-error" : undefined}>
      {failed && <FormMessage id="sign-in-error" tone="error" testId="sign-in-error">{t(failed)}</FormMessage>}
      <div>
        <label htmlFor="email" className="field-label">{t("signIn.email")}</label>
        <input
          id="email" name="email" type="email" autoComplete="username" required className="field-input"
          value={email} onChange={(event) => setEmail(event.target.value)}
          aria-invalid={Boolean(errors.email)} aria-describedby={errors.email ? "email-error" : undefined}
        />
        {errors.email && <p id="email-error" className="field-error">{t(errors.email)}</p>}
      </div>
      <div>
        <label htmlFor="password" className="field-label">{t("signIn.password")}</label>
        <input
          id="password" name="password" type="password" autoComplete="current-password" required className="field-input"
          value={password} onChange={(event) => setPassword(event.target.value)}
          aria-invalid={Boolean(errors.password)} aria-describedby={errors.password ? "password-error" : undefined}
        />
        {errors.password && <p id="password-error" className="field-error">{t(errors.password)}</p>}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </button>
    </form>
  );
}
