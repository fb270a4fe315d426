/**
 * Where a lore reader expects a message or a commit: a Message-ID resolves on lore.kernel.org,
 * a commit on git.kernel.org (Linus's tree, which `/r/`-style short links redirect into).
 */

/** The lore page of one message, by its Message-ID (with or without angle brackets). */
export function messageUrl(messageId: string): string {
  return `https://lore.kernel.org/r/${encodeURIComponent(messageId.replace(/^<|>$/g, '')).replace(
    /%40/g,
    '@',
  )}/`;
}

/** The git.kernel.org page of a commit in the mainline tree, by its (short) hash. */
export function commitUrl(hash: string): string {
  return `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${hash}`;
}
