/**
 * The page's keys, written once: the key handler (useKeyboard) reads which single keys press a
 * control, each control carries its key in `aria-keyshortcuts`, and the `?` dialog lists them
 * all from the groups below.
 */

/** A key, or a key chord, in the words of the `?` dialog. */
export interface KeyRow {
  readonly keys: string;
  readonly what: string;
}

export interface KeyGroup {
  readonly title: string;
  readonly rows: readonly KeyRow[];
}

/**
 * Single keys that press one control of the page. The handler finds the control by its
 * `aria-keyshortcuts`, so a key does exactly what the control does, and nothing while the
 * control is absent or disabled.
 */
export const SINGLE_KEYS = {
  explore: { key: 'e', what: 'Explore all interleavings' },
  fix: { key: 'f', what: 'Turn the fix on or off' },
  nextBad: { key: 'n', what: 'Next bad schedule (after exploring)' },
  previousBad: { key: 'p', what: 'Previous bad schedule (after exploring)' },
} as const satisfies Record<string, { key: string; what: string }>;

/** "Run task N next" has a digit for each of the first nine lanes, from the left. */
const RUN_NEXT_LANES = 9;

/** The digit that runs the lane at `laneIndex` (0-based, from the left) next, if it has one. */
export function runNextKey(laneIndex: number): string | undefined {
  return Number.isInteger(laneIndex) && laneIndex >= 0 && laneIndex < RUN_NEXT_LANES
    ? String(laneIndex + 1)
    : undefined;
}

const SINGLE = new Set<string>([
  ...Object.values(SINGLE_KEYS).map((k) => k.key),
  ...Array.from({ length: RUN_NEXT_LANES }, (_, i) => String(i + 1)),
]);

/**
 * Whether `key` (a KeyboardEvent's `key`, modifiers already ruled out) presses a control. Case
 * matters: Shift+E types "E", which is not a shortcut.
 */
export function isSingleKey(key: string): boolean {
  return SINGLE.has(key);
}

/** Everything the `?` dialog lists, in groups (room for more rows in each). */
export const KEY_GROUPS: readonly KeyGroup[] = [
  {
    title: 'Stepping (anywhere but the timeline)',
    rows: [
      { keys: '→', what: 'Step forward' },
      { keys: '←', what: 'Step back' },
      { keys: 'Home', what: 'First step (the initial state)' },
      { keys: 'End', what: 'Last step' },
      { keys: 'Space', what: 'Play or pause' },
    ],
  },
  {
    title: 'In the timeline (one Tab stop)',
    rows: [
      {
        keys: '↑ / ↓ or ← / →',
        what: 'Previous / next step; the cursor follows the focused step',
      },
      { keys: 'Home / End', what: 'First / last step' },
      { keys: 'Enter', what: 'Move the cursor to the focused step' },
      { keys: 'Alt+← / Alt+→', what: 'Move the focused step one place earlier / later' },
      { keys: 'Escape while dragging', what: 'Cancel the drag' },
    ],
  },
  {
    title: 'Actions',
    rows: [
      ...Object.values(SINGLE_KEYS).map((k) => ({ keys: k.key, what: k.what })),
      {
        keys: `1 … ${RUN_NEXT_LANES}`,
        what: 'Run task N next: the N-th lane from the left takes the step after the cursor',
      },
      { keys: 'Ctrl+Z', what: 'Undo the last change to the schedule' },
      { keys: 'Ctrl+Shift+Z', what: 'Redo' },
    ],
  },
  {
    title: 'Page',
    rows: [
      { keys: 'Escape', what: 'Close the notice' },
      { keys: '?', what: 'Show or hide this list' },
    ],
  },
];
