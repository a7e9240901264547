import type { ComponentChildren } from 'preact';

export interface CheckboxRowProps {
  /** Stable attribute for tests and tools. */
  testId: string;
  /** The visible label. */
  label: ComponentChildren;
  /** A quieter sentence under the label, referenced by aria-describedby. */
  hint?: string;
  checked: boolean;
  /** Called with the new value. */
  onChange: (checked: boolean) => void;
  /** Renders as an on/off switch (`role="switch"`) instead of a plain checkbox. */
  switch?: boolean;
}

/** A labelled checkbox (or switch) with an optional hint: the options page's one toggle control. */
export function CheckboxRow({ testId, label, hint, checked, onChange, switch: isSwitch = false }: CheckboxRowProps) {
  const hintId = hint ? `${testId}-hint` : undefined;
  return (
    <div class="row">
      <label class="check">
        <input
          type="checkbox"
          role={isSwitch ? 'switch' : undefined}
          class={isSwitch ? 'switch' : undefined}
          data-testid={testId}
          checked={checked}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
