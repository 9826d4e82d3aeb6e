// The way every Administration form sends a change: its own check first (a problem is flagged and the
// focus goes to it), then the question in place of the button that asked (ConfirmStep.tsx), then the
// change sent; a refusal shows under the button and puts the focus back on it, and what was sent goes
// to the form's `onSent`. The form keeps only its fields, its check and its words.
import type { ComponentProps, ReactNode, RefObject } from 'react';
import { ErrorText } from '../../components.tsx';
import { useAction, useFocusFirstInvalid, type ActionState } from '../../hooks.ts';
import { ConfirmStep, useConfirmStep, type ConfirmStepState } from './ConfirmStep.tsx';

export interface ConfirmedChangeState<T> extends ConfirmStepState {
  action: ActionState;
  /** For the form: its first field marked invalid takes the focus when `ask` finds a problem. */
  formRef: RefObject<HTMLFormElement | null>;
  /** After the form's own check: flags the problems it found, or (none found) asks the question. */
  ask(hasProblems: boolean): void;
  /** Sends the change once the person confirms it. */
  confirm(): Promise<T | undefined>;
  /** Whether the change is on its way. */
  busy: boolean;
}

/**
 * `send` runs under `key` in the form's action (hooks.ts useAction) when the person confirms; with its
 * answer the question closes and `onSent` has it; without one, the refusal shows and the asking button has the focus.
 */
export function useConfirmedChange<T>(key: string, send: () => Promise<T>, onSent: (result: T) => void): ConfirmedChangeState<T> {
  const action = useAction();
  const step = useConfirmStep();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  return {
    ...step,
    action,
    formRef,
    ask: (hasProblems) => {
      if (hasProblems) {
        flagProblems();
        return;
      }
      action.clear();
      step.openConfirm();
    },
    confirm: async () => {
      const result = await action.run(key, send);
      if (!result) {
        step.backToOpener();
        return undefined;
      }
      step.closeConfirm();
      onSent(result);
      return result;
    },
    busy: action.pending === key,
  };
}

type StepProps = ComponentProps<typeof ConfirmStep>;

interface ConfirmedChangeProps extends Omit<StepProps, 'confirming' | 'onKeep' | 'onConfirm' | 'busy' | 'children'> {
  // Without its refs: they go to the form and the button, and React's lint rule holds an object with a ref in it to be one.
  change: Omit<ConfirmedChangeState<unknown>, 'formRef' | 'openerRef'>;
  /** The button that asks, holding `change.openerRef` (and what sits beside it). */
  children: ReactNode;
}

/** The question or the button that asks it, and under them what the back end said against the change. */
export function ConfirmedChange({ change, children, ...question }: ConfirmedChangeProps) {
  return (
    <>
      <ConfirmStep {...question} confirming={change.confirming} onKeep={change.backToOpener} busy={change.busy} onConfirm={() => void change.confirm()}>
        {children}
      </ConfirmStep>
      <ErrorText message={change.action.error?.message} />
    </>
  );
}
