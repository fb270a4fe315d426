import type { MouseEvent } from 'react';

/** Moves focus (not the URL's fragment, which holds the view) to the first match of `selector`. */
function skipTo(selector: string) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return;
    e.preventDefault();
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'nearest' });
  };
}

/**
 * The first stops of the Tab order, shown only while focused: straight to the timeline's step
 * (its one Tab stop) or to the exploration, past the scenario bar and the transport.
 */
export function SkipLinks() {
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#main-timeline" onClick={skipTo('#main-timeline [data-step-id][tabindex="0"]')}>
        Skip to the timeline
      </a>
      <a href="#exploration" onClick={skipTo('#exploration')}>
        Skip to the exploration
      </a>
    </nav>
  );
}
