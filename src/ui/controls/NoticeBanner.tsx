import type { Notice } from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';

/** Notices about the page (links, variants, failures) sit above the controls, in the flow. */
const IN_FLOW: Readonly<Record<Notice['kind'], boolean>> = {
  link: true,
  variant: true,
  error: true,
  edit: false,
  refused: false,
};

const IS_POLITE: Readonly<Record<Notice['kind'], boolean>> = {
  link: false,
  variant: true,
  error: false,
  edit: true,
  refused: false,
};

/**
 * Why a link could not be opened as sent, or where a variant change dropped turns: above the
 * controls. What an edit changed, or why it was not possible: in a box pinned to the window's
 * corner, so a run of drags and Alt+arrow moves does not push the timeline up and down.
 * A polite and an assertive live region always exist, so screen readers hear every notice.
 */
export function NoticeBanner() {
  const notice = useApp((s) => s.view.notice);
  const inFlow = notice ? IN_FLOW[notice.kind] : true;
  const isPolite = notice ? IS_POLITE[notice.kind] : false;
  // One pair of live regions that always exists; only its place on the page changes.
  return (
    <div className={inFlow ? 'notice-slot' : 'notice-toast'}>
      <div role="status">{notice && isPolite && <NoticeBody notice={notice} />}</div>
      <div role="alert">{notice && !isPolite && <NoticeBody notice={notice} />}</div>
    </div>
  );
}

function NoticeBody({ notice }: { notice: Notice }) {
  const { dismissNotice } = useActions();
  return (
    <div className={`notice notice-${notice.kind}`} data-notice={notice.kind}>
      <div>
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
      <button type="button" onClick={dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}
