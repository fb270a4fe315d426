import { useEffect } from 'react';
import { isDiagramText } from './diagram-paste.ts';

/** Where a paste belongs to what is being typed. */
function isTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLInputElement;
}

/**
 * A diagram pasted anywhere on the page (not into a field, not while a dialog is open) goes to
 * `onDiagram`; other pastes are left alone. What counts as a diagram: diagram-paste.ts.
 */
export function useDiagramPaste(keys: readonly string[], onDiagram: (text: string) => void): void {
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented || isTextField(e.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!isDiagramText(text, keys)) return;
      e.preventDefault();
      onDiagram(text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [keys, onDiagram]);
}
