import { useEffect } from 'react';
import type { Actions } from '../../state/index.ts';

/** While playing, one step every 1/speed seconds; the store pauses at the end. */
export function usePlayback(playing: boolean, speed: number, actions: Actions): void {
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(actions.tick, 1000 / speed);
    return () => clearInterval(t);
  }, [playing, speed, actions]);
}
