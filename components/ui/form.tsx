'use client';
/** Small form primitives shared by every form: a form bound to its action, labelled inputs, a pending-aware submit, alerts. */
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import type { Action, ActionState } from '@/lib/http/action';

/** A form bound to a server action: the action's message first, the hidden fields, then the children (given the state when they need it). */
export function ActionForm<D>({
  action,
  hidden = {},
  className,
  test,
  onSubmit,
  children,
}: {
  action: Action<D>;
  hidden?: Record<string, string | undefined>;
  className?: string;
  test?: string;
  /** Runs as the form is sent (e.g. to forget a kept copy of its fields). */
  onSubmit?: () => void;
  children: React.ReactNode | ((state: ActionState<D>) => React.ReactNode);
}) {
  const [state, dispatch] = useActionState(action, undefined);
  return (
    <form action={dispatch} onSubmit={onSubmit} className={className} data-test={test}>
      <FormMessages state={state} />
      <HiddenFields fields={hidden} />
      {typeof children === 'function' ? children(state) : children}
    </form>
  );
}

export function Field({
  label,
  name,
  type = 'text',
  autoComplete,
  defaultValue,
  required = true,
  hint,
  inputMode,
  maxLength,
  autoFocus,
  id: idProp,
}: {
  id?: string;
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  required?: boolean;
  hint?: string;
  inputMode?: 'numeric' | 'email' | 'text';
  maxLength?: number;
  autoFocus?: boolean;
}) {
  const id = idProp ?? `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required={required}
        inputMode={inputMode}
        maxLength={maxLength}
        autoFocus={autoFocus}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={INPUT_CLASS}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Hidden inputs, one per field that has a value. */
export function HiddenFields({ fields }: { fields: Record<string, string | undefined> }) {
  return Object.entries(fields).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null));
}

/** How every text input, select and textarea looks. */
export const INPUT_CLASS =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

const BUTTON_STYLES = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  secondary: 'border border-slate-300 bg-white text-slate-800 hover:border-brand-600',
};

/** The spinner every waiting button shows. */
export function Spinner() {
  return <span aria-hidden data-test="spinner" className="h-4 w-4 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent" />;
}

/**
 * The one way a button that waits looks while it waits: disabled, aria-busy, a spinner and
 * `busyText` ("Saving…") in place of its label. SubmitButton is this button driven by its
 * form's pending state; buttons that wait on a fetch pass `busy` themselves.
 */
export function BusyButton({
  busy,
  busyText,
  children,
  type = 'submit',
  onClick,
  disabled = false,
  variant = 'primary',
  test,
  className = '',
}: {
  busy: boolean;
  busyText: string;
  children: React.ReactNode;
  type?: 'submit' | 'button';
  onClick?: () => void;
  disabled?: boolean;
  variant?: keyof typeof BUTTON_STYLES;
  test?: string;
  className?: string;
}) {
  return (
    <button
      type={type}
      onClick={onClick}
      disabled={busy || disabled}
      aria-busy={busy}
      data-test={test}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${BUTTON_STYLES[variant]} ${className}`}
    >
      {busy ? (
        <>
          <Spinner />
          {busyText}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** The form's submit button, full width of its box (`width`, e.g. "w-40", when it is not the form's width); busy while its form's action runs. */
export function SubmitButton({ children, pendingText, variant = 'primary', width, test }: { children: React.ReactNode; pendingText: string; variant?: 'primary' | 'danger' | 'secondary'; width?: string; test?: string }) {
  const { pending } = useFormStatus();
  const button = (
    <BusyButton busy={pending} busyText={pendingText} variant={variant} test={test} className="w-full">
      {children}
    </BusyButton>
  );
  return width ? <div className={width}>{button}</div> : button;
}

/** The small bordered button of a table row's actions; disabled with a spinner while its form's action runs. */
export function RowButton({ children, danger = false }: { children: React.ReactNode; danger?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending}
      className={`inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium disabled:opacity-60 ${danger ? 'hover:border-red-600 hover:text-red-700' : 'hover:border-brand-600'}`}
    >
      {pending ? <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null}
      {children}
    </button>
  );
}

/** A table row's one-line message: the error, else the notice. */
export function RowMessage({ error, notice }: { error?: string; notice?: string }) {
  return error ? <span className="text-xs text-red-700">{error}</span> : notice ? <span className="text-xs text-brand-700">{notice}</span> : null;
}

export function Alert({ kind, children }: { kind: 'error' | 'notice'; children: React.ReactNode }) {
  const style = kind === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-brand-100 bg-brand-50 text-brand-900';
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} data-test={kind === 'error' ? 'form-error' : 'form-notice'} className={`rounded-md border px-3 py-2 text-sm ${style}`}>
      {children}
    </div>
  );
}

/** The error or notice an action returned, if any. */
export function FormMessages({ state }: { state: { error?: string; notice?: string } | undefined }) {
  if (state?.error) return <Alert kind="error">{state.error}</Alert>;
  if (state?.notice) return <Alert kind="notice">{state.notice}</Alert>;
  return null;
}
