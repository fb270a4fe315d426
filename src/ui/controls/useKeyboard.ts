import { useEffect } from 'react';
import type { Actions } from '../../state/index.ts';

function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName);
}

/** Where Ctrl+Z means "undo my typing", not "undo the schedule". */
function isTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement) return true;
  return t instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(t.type);
}

function isActivatable(t: EventTarget | null): boolean {
  return t instanceof Element && t.closest('button, a, summary, [role="button"]') !== null;
}

/**
 * ←/→, Home/End, Space and ?, anywhere on the page except in form fields; Ctrl+Z and
 * Ctrl+Shift+Z (or Ctrl+Y) undo and redo schedule changes. Alt+←/→ belong to a focused step.
 */
export function useKeyboard(actions: Actions, toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey) {
        const key = e.key.toLowerCase();
        const isUndo = key === 'z' && !e.shiftKey;
        const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
        if (!(isUndo || isRedo) || isTextField(e.target)) return;
        if (document.querySelector('dialog[open]')) return;
        e.preventDefault();
        void (isUndo ? actions.undo() : actions.redo());
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '?') {
        e.preventDefault();
        toggleHelp();
        return;
      }
      if (
        isTyping(e.target) &&
        !(e.target instanceof HTMLInputElement && e.target.type === 'checkbox')
      )
        return;
      if (document.querySelector('dialog[open]')) return;
      switch (e.key) {
        case 'ArrowRight':
          actions.pause();
          actions.stepForward();
          break;
        case 'ArrowLeft':
          actions.pause();
          actions.stepBack();
          break;
        case 'Home':
          actions.pause();
          actions.firstStep();
          break;
        case 'End':
          actions.pause();
          actions.lastStep();
          break;
        case ' ':
          // On a button or link, Space already means "press this"; don't also play.
          if (isActivatable(e.target) || e.target instanceof HTMLInputElement) return;
          actions.togglePlay();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, toggleHelp]);
}
