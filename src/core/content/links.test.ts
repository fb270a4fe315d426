import { describe, expect, it } from 'vitest';
import { replay } from '../replay.ts';
import { defaultSchedule } from '../schedule.ts';
import { builtinLibrary } from '../scenario/builtin.ts';
import { describeScenario } from '../scenario/describe.ts';
import { commitUrl, messageUrl } from './links.ts';
import { notesOf } from './notes.ts';

describe('links a lore reader expects', () => {
  it('resolves a Message-ID on lore and a commit on git.kernel.org', () => {
    expect(messageUrl('20230308161927.lb4npblk2q4vkxmg@revolver')).toBe(
      'https://lore.kernel.org/r/20230308161927.lb4npblk2q4vkxmg@revolver/',
    );
    expect(messageUrl('<a/b+c@x.y>')).toBe('https://lore.kernel.org/r/a%2Fb%2Bc@x.y/');
    expect(commitUrl('6db504ce55bd')).toBe(
      'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=6db504ce55bd',
    );
  });

  const lib = builtinLibrary();
  it.each(lib.ids)('%s: every message, commit and note links to its own page', (id) => {
    const sc = lib.instance(id, {});
    const info = describeScenario(sc);
    const doc = lib.doc(id)!;
    expect(info.provenance.thread.map((t) => t.url)).toEqual(
      (doc.provenance?.thread ?? []).map((t) => messageUrl(t.message_id)),
    );
    expect(info.provenance.thread.every((t) => /^\d{4}-\d\d-\d\d$/.test(t.date))).toBe(true);
    expect(info.provenance.commits.map((c) => c.url)).toEqual(
      (doc.provenance?.commits ?? []).map((c) => commitUrl(c.hash)),
    );
    // Every note that names its message links to it (the document's own link wins).
    const trace = replay(sc, defaultSchedule(sc)) as {
      ok: true;
      trace: Parameters<typeof notesOf>[1];
    };
    for (const n of notesOf(sc, trace.trace)) {
      if (n.messageId !== undefined) expect(n.url, n.title).toBeDefined();
    }
  });

  it('links the fix commit of the 2023 race', () => {
    const info = describeScenario(lib.instance('ksm-exit-race', {}));
    expect(info.provenance.commits.find((c) => c.hash === '6db504ce55bd')?.url).toBe(
      commitUrl('6db504ce55bd'),
    );
  });
});
