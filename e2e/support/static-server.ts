/**
 * A static host for the built page under a sub-path, as GitHub Pages or an nginx `location`
 * would serve it: `dist/` appears at `http://127.0.0.1:<port><base>` and nothing else exists.
 * Requests outside `base` get 404, so an asset or worker URL that escapes the sub-path fails
 * loudly instead of being answered by accident.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `vite build` output that `vite preview` also serves (playwright.config.ts builds it). */
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port><base>`, ending in `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` under `base` (which starts and ends with `/`) on an ephemeral port of 127.0.0.1.
 * `base` without its trailing slash redirects to it, as static hosts do; a directory serves its
 * index.html.
 */
export async function serveStatic(dir: string, base: string): Promise<StaticServer> {
  if (!base.startsWith('/') || !base.endsWith('/')) {
    throw new Error(`base must start and end with "/": ${base}`);
  }
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`No ${join(dir, 'index.html')}: run \`npx vite build\` first.`);
  }
  const root = normalize(dir + sep);

  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { location: base }).end();
      return;
    }
    if (!path.startsWith(base) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    const rest = path.slice(base.length);
    const file = normalize(
      join(root, rest.endsWith('/') || rest === '' ? rest + 'index.html' : rest),
    );
    // A `..` that climbs out of dir is a 404 like any other missing file.
    if (!file.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    void stat(file)
      .then((s) => (s.isFile() ? readFile(file) : Promise.reject(new Error('not a file'))))
      .then(
        (body) => {
          const type = TYPES[extname(file)] ?? 'application/octet-stream';
          res.writeHead(200, { 'content-type': type, 'content-length': body.length });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        () => res.writeHead(404).end(),
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1, not localhost: localhost can resolve to ::1.
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
