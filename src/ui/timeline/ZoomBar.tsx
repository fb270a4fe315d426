import type { TimelineZoom } from './useTimelineZoom.ts';

/**
 * The timeline's zoom, reachable from the keyboard: the same d3-zoom behaviour as Ctrl + wheel
 * and pinching. Zoom scales the rows; the timeline scrolls (or drag its background) to pan.
 */
export function ZoomBar({ zoom }: { zoom: TimelineZoom }) {
  return (
    <div className="zoom-bar" role="toolbar" aria-label="Timeline zoom">
      <span className="zoom-hint">Ctrl + wheel zooms; drag the background to pan</span>
      <button
        type="button"
        className="zoom-button"
        aria-label="Zoom out"
        title="Zoom out: shorter rows"
        onClick={zoom.zoomOut}
        disabled={!zoom.canZoomOut}
      >
        −
      </button>
      <output className="zoom-level" aria-label="Row zoom">
        {Math.round(zoom.k * 100)}%
      </output>
      <button
        type="button"
        className="zoom-button"
        aria-label="Zoom in"
        title="Zoom in: taller rows"
        onClick={zoom.zoomIn}
        disabled={!zoom.canZoomIn}
      >
        +
      </button>
      <button
        type="button"
        className="zoom-button zoom-fit"
        title="Fit the whole schedule in view"
        onClick={zoom.fit}
        disabled={zoom.isFit}
      >
        Fit
      </button>
    </div>
  );
}
