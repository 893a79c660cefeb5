// A static file server for the built site, for the browser tests: `astro preview` refuses to start
// while another preview of the same project runs (say, `npm start` in another terminal), and the
// tests need nothing but files. Serves dist/ on 127.0.0.1 only; "/x/" means "/x/index.html".
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.sh': 'text/x-shellscript; charset=utf-8',
  '.woff2': 'font/woff2',
};

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.env.E2E_PORT ?? process.argv[3] ?? 4399);

function fileFor(urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/'));
  const candidates = path.endsWith('/') ? [join(path, 'index.html')] : [path, join(path, 'index.html')];
  for (const c of candidates) {
    const full = join(root, c);
    if (!full.startsWith(root)) return undefined;
    try {
      if (statSync(full).isFile()) return full;
    } catch {
      // not there
    }
  }
  return undefined;
}

createServer((req, res) => {
  let file: string | undefined;
  try {
    file = fileFor(req.url ?? '/');
  } catch {
    file = undefined;
  }
  const status = file ? 200 : 404;
  file ??= join(root, '404.html');
  res.writeHead(status, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
