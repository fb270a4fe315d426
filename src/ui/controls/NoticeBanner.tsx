import { useEffect, useRef, useState } from 'react';
import type { Notice } from '../../state/index.ts';
import { MAIN_TIMELINE_ID } from '../timeline/useFocusAfterEdit.ts';
import { useActions, useApp } from '../useApp.ts';
import { noticeLifetime } from './notice-time.ts';

/** What an edit did or a variant changed is news; a refused edit, a bad link or a failure is a warning. */
const IS_POLITE: Readonly<Record<Notice['kind'], boolean>> = {
  link: false,
  variant: true,
  error: false,
  edit: true,
  refused: false,
};

/**
 * Closes the notice after its lifetime (notice-time.ts), counting only the time it is neither
 * hovered nor focused: a person reading it, or about to press Dismiss, keeps it.
 */
function useSelfClosing(notice: Notice | null, isHeld: boolean, close: () => void): void {
  const left = useRef<{ notice: Notice | null; ms: number | null }>({ notice: null, ms: null });
  useEffect(() => {
    if (left.current.notice !== notice) {
      left.current = { notice, ms: notice ? noticeLifetime(notice) : null };
    }
    const ms = left.current.ms;
    if (!notice || ms === null || isHeld) return;
    const started = Date.now();
    const id = setTimeout(close, ms);
    return () => {
      clearTimeout(id);
      if (left.current.notice === notice) left.current.ms = ms - (Date.now() - started);
    };
  }, [notice, isHeld, close]);
}

/**
 * The page's one status line, above the transport and sticky with it: why a link could not be
 * opened as sent, what a variant change or an edit did, why an edit was not possible. It has a
 * place of its own (one line, kept even when empty), so it neither covers the timeline or the
 * outcome nor pushes them about; a long notice shows its first line and opens on "More". It
 * closes on Dismiss, on Escape (useKeyboard) and by itself once there was time to read it.
 * A polite and an assertive live region always exist, so screen readers hear every notice.
 */
export function NoticeBanner() {
  const notice = useApp((s) => s.view.notice);
  const { dismissNotice } = useActions();
  const slot = useRef<HTMLDivElement>(null);
  const [isHovered, setHovered] = useState(false);
  const [isFocused, setFocused] = useState(false);
  const cameFrom = useRef<HTMLElement | SVGElement | null>(null);
  useSelfClosing(notice, isHovered || isFocused, dismissNotice);
  // A notice that goes while focus is in it (Dismiss, Escape) takes its buttons along; focus goes
  // back where it came from, or to the timeline, never to the page's body. (A removed button
  // fires no blur, so this is also where the slot stops holding the next notice open.)
  useEffect(() => {
    if (!isFocused || slot.current?.contains(document.activeElement)) return;
    if (document.activeElement === document.body) {
      const back = cameFrom.current?.isConnected ? cameFrom.current : null;
      const stop = document
        .getElementById(MAIN_TIMELINE_ID)
        ?.querySelector<SVGElement>('[tabindex="0"]');
      // Without scrolling: the page stays where the person was reading.
      (back ?? stop)?.focus({ preventScroll: true });
    }
    setFocused(false);
  }, [notice, isFocused]);
  const isPolite = notice ? IS_POLITE[notice.kind] : false;
  return (
    <div
      ref={slot}
      className="notice-slot"
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={(e) => {
        const from = e.relatedTarget;
        if (
          !e.currentTarget.contains(from) &&
          (from instanceof HTMLElement || from instanceof SVGElement)
        ) {
          cameFrom.current = from;
        }
        setFocused(true);
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <div role="status">{notice && isPolite && <NoticeBody notice={notice} />}</div>
      <div role="alert">{notice && !isPolite && <NoticeBody notice={notice} />}</div>
    </div>
  );
}

function NoticeBody({ notice }: { notice: Notice }) {
  const { dismissNotice } = useActions();
  const [isOpen, setOpen] = useState(false);
  const hasMore = notice.lines.length > 0 || notice.note !== undefined;
  return (
    <div
      className={`notice notice-${notice.kind}${isOpen ? ' is-open' : ''}`}
      data-notice={notice.kind}
    >
      <div className="notice-text">
        <p className="notice-title">
          <span aria-hidden="true">{IS_POLITE[notice.kind] ? 'ℹ' : '⚠'}</span> {notice.title}
        </p>
        {notice.lines.length > 0 && (
          <ul>
            {notice.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
        {notice.note && <p className="notice-note">{notice.note}</p>}
      </div>
      {hasMore && (
        <button
          type="button"
          className="notice-more"
          aria-expanded={isOpen}
          onClick={() => setOpen((o) => !o)}
        >
          {isOpen ? 'Less' : 'More'}
        </button>
      )}
      <button type="button" onClick={dismissNotice} aria-keyshortcuts="Escape">
        Dismiss
      </button>
    </div>
  );
}
