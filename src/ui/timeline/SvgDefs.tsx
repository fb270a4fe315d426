import { Arrowhead } from './Arrowhead.tsx';

/** Patterns and arrowheads the timeline's marks refer to by id. */
export function SvgDefs() {
  return (
    <defs>
      <pattern
        id="hatch"
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" className="hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
      </pattern>
      <pattern
        id="fate-doomed-hatch"
        width="5"
        height="5"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(-45)"
      >
        <rect width="5" height="5" className="fate-doomed-bg" />
        <line x1="0" y1="0" x2="0" y2="5" className="fate-doomed-line" />
      </pattern>
      <Arrowhead id="arrowhead" size={7} className="handoff-head" />
      <Arrowhead id="wait-arrowhead" size={8} className="wait-head" />
      <Arrowhead id="cause-arrowhead" size={7} className="cause-head" />
      <Arrowhead id="cause-arrowhead-quiet" size={5} className="cause-head-quiet" />
    </defs>
  );
}
