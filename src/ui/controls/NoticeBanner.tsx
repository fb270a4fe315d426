import type { Notice } from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';

const IS_POLITE: Readonly<Record<Notice['kind'], boolean>> = {
  variant: true,
  edit: true,
  link: false,
  refused: false,
  error: false,
};

/**
 * Why a link could not be opened as sent, where a variant change dropped turns, what an edit
 * changed, or why it was not possible. Two live regions that always exist, so screen readers
 * hear each notice: a polite one for news, an assertive one for refusals and problems.
 */
export function NoticeBanner() {
  const notice = useApp((s) => s.view.notice);
  const isPolite = notice ? IS_POLITE[notice.kind] : false;
  return (
    <div className="notice-slot">
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
      </div>
      <button type="button" onClick={dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}
