"use client";
// useActionState without React's automatic form reset: a <form action> resets its fields after
// the action, which would undo what the user chose when the server refused it. Submitting
// through onSubmit keeps the fields (controlled) exactly as they were.
import { startTransition, useActionState, type FormEvent } from "react";
import { IDLE, type ActionState, type FormAction } from "@/lib/actions/action-state";

export function useFormAction(action: FormAction): [ActionState, (event: FormEvent<HTMLFormElement>) => void, boolean] {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // With the button that submitted it (name/value), as a native submit would send.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return [state, onSubmit, pending];
}
