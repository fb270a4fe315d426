import { useEffect, useRef } from 'react';

/**
 * A native `<dialog>` shown as a modal while `open`: the browser then makes the page behind it
 * inert, closes it on Escape and, when it closes, gives focus back to the control that opened
 * it. The dialog's `onClose` must set `open` false, so the two never disagree.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
