/**
 * The store's one door to the link codec (src/url): a view as the store holds it, to a URL
 * fragment and back. Reading is in two halves: the syntax (`readLink`), then the meaning against
 * the catalog and the description of the instance the link names (`checkLink`), which the store
 * asks the worker for. Whether the schedule replays is the worker's call, made in strict mode.
 */
import { checkView, decode, encode, type DecodeResult, type ShareView } from '../url/share.ts';

/** A view as a link carries it. */
export type LinkView = ShareView;
export type ReadLink = DecodeResult;

export const readLink: (text: string) => ReadLink = decode;
export const checkLink = checkView;
export const writeLink: (view: LinkView) => string = encode;
