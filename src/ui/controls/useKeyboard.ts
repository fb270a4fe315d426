import { useEffect } from 'react';
import type { Actions } from '../../state/index.ts';
import { useFocusAfterEdit } from '../timeline/useFocusAfterEdit.ts';
import { useApp } from '../useApp.ts';
import { isSingleKey } from './shortcuts.ts';

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

function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * Presses the control that carries `key` in its aria-keyshortcuts, as a click would: the key
 * does what the control does, and nothing while it is absent or disabled. When nothing had focus,
 * the control takes it, so focus is never left on the page's body.
 */
function pressControlOf(key: string): boolean {
  const control = document.querySelector<HTMLElement>(`[aria-keyshortcuts~="${key}"]`);
  if (!control || (control as HTMLButtonElement).disabled) return false;
  const hadFocus = document.activeElement !== null && document.activeElement !== document.body;
  control.click();
  if (!hadFocus && (document.activeElement === null || document.activeElement === document.body)) {
    control.focus();
  }
  return true;
}

/**
 * ←/→, Home/End, Space and ?, anywhere on the page except in form fields; the single keys of
 * shortcuts.ts (e, f, 1–9) likewise, and not while a dialog is open; Ctrl+Z and Ctrl+Shift+Z
 * (or Ctrl+Y) undo and redo schedule changes, and focus then lands on the step they changed.
 * Escape closes a notice. Alt+←/→ belong to a focused step, plain arrows inside the timeline to
 * the timeline (Blocks), which handle them first.
 */
export function useKeyboard(actions: Actions, toggleHelp: () => void): void {
  const hasNotice = useApp((s) => s.view.notice !== null);
  const focusAfter = useFocusAfterEdit();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        // From anywhere, fields included (Escape types nothing), but a dialog's Escape is its own.
        if (!hasNotice || isDialogOpen()) return;
        e.preventDefault();
        actions.dismissNotice();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.altKey) {
        const key = e.key.toLowerCase();
        const isUndo = key === 'z' && !e.shiftKey;
        const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
        if (!(isUndo || isRedo) || isTextField(e.target)) return;
        if (isDialogOpen()) return;
        e.preventDefault();
        void focusAfter(isUndo ? actions.undo : actions.redo);
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
      if (isDialogOpen()) return;
      if (isSingleKey(e.key)) {
        if (pressControlOf(e.key)) e.preventDefault();
        return;
      }
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
  }, [actions, toggleHelp, hasNotice, focusAfter]);
}
