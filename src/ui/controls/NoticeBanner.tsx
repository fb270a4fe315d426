import { useActions, useApp } from '../useApp.ts';

/** Why a link could not be opened as sent, or where a variant change dropped turns. */
export function NoticeBanner() {
  const notice = useApp((s) => s.view.notice);
  const { dismissNotice } = useActions();
  return (
    <div className="notice-slot" role={notice?.kind === 'variant' ? 'status' : 'alert'}>
      {notice && (
        <div className={`notice notice-${notice.kind}`} data-notice={notice.kind}>
          <div>
            <p className="notice-title">
              <span aria-hidden="true">{notice.kind === 'variant' ? 'ℹ' : '⚠'}</span> {notice.title}
            </p>
            <ul>
              {notice.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </div>
          <button type="button" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
