// The second word the Administration sections' forms ask before they send a change: the button that asks
// for it gives way to the question, and backing out (the keep button, Escape) puts the focus back on that
// button. A table row asks with components.tsx's Confirm directly, in a row of its own under the one that
// asked, as its buttons and its question sit in different cells.
import { useRef, useState, type ComponentProps, type ReactNode, type RefObject } from 'react';
import { Confirm } from '../../components.tsx';

export interface ConfirmStepState {
  /** Whether the question shows in place of the button that asked for it. */
  confirming: boolean;
  /** For the button that asks: the focus comes back to it. */
  openerRef: RefObject<HTMLButtonElement | null>;
  openConfirm(): void;
  /** Closes the question; the caller says where the focus goes (an answer may change what is there). */
  closeConfirm(): void;
  /** Closes the question and puts the focus back on the button that asked, once it is there again. */
  backToOpener(): void;
}

export function useConfirmStep(): ConfirmStepState {
  const [confirming, setConfirming] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  return {
    confirming,
    openerRef,
    openConfirm: () => setConfirming(true),
    closeConfirm: () => setConfirming(false),
    backToOpener: () => {
      setConfirming(false);
      setTimeout(() => openerRef.current?.focus());
    },
  };
}

type ConfirmProps = ComponentProps<typeof Confirm>;

interface ConfirmStepProps extends Omit<ConfirmProps, 'keepLabel' | 'confirmKind'>, Partial<Pick<ConfirmProps, 'keepLabel' | 'confirmKind'>> {
  /** `confirming` of useConfirmStep: the question shows, else `children`. */
  confirming: boolean;
  /** What shows while the question does not: the button that asks it, holding `openerRef`. */
  children: ReactNode;
}

/**
 * The question, or the button that asks it. Most of these steps add or change something, so the
 * confirming button is blue and backing out says "Go back" unless told otherwise.
 */
export function ConfirmStep({ confirming, children, keepLabel = 'Go back', confirmKind = 'primary', ...question }: ConfirmStepProps) {
  if (!confirming) return children;
  return <Confirm {...question} keepLabel={keepLabel} confirmKind={confirmKind} />;
}
