'use strict';
// Which headers cross the proxy, in each direction (RFC 9110 section 7.6.1 hop-by-hop rules).

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host',
  'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
]);

function connectionTokens(value) {
  return String(value || '').split(',').map((token) => token.trim().toLowerCase()).filter(Boolean);
}

function isHopByHop(name, listedInConnection) {
  return HOP_BY_HOP.has(name) || name.startsWith('proxy-') || listedInConnection.has(name);
}

function clientAddress(req) {
  return (req.socket.remoteAddress || '').replace(/^::ffff:/, '');
}

/** Headers sent to llm_server: end-to-end ones plus X-Forwarded-* and the request id. */
function upstreamRequestHeaders(req) {
  const listed = new Set(connectionTokens(req.headers.connection));
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!isHopByHop(name, listed)) headers[name] = value;
  }
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${clientAddress(req)}` : clientAddress(req);
  headers['x-forwarded-proto'] = req.protocol;
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  headers['x-request-id'] = req.id;
  // Node already answered `Expect: 100-continue` to the browser; undici refuses the header.
  delete headers.expect;
  // fetch would transparently decompress; asking for identity keeps bytes as llm_server wrote them.
  headers['accept-encoding'] = 'identity';
  return headers;
}

/** Copy a fetch Response's headers onto the Express response, minus hop-by-hop ones. */
function copyResponseHeaders(upstream, res) {
  const listed = new Set(connectionTokens(upstream.headers.get('connection')));
  const decoded = upstream.headers.has('content-encoding');
  for (const [name, value] of upstream.headers) {
    if (name === 'set-cookie' || isHopByHop(name, listed)) continue;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    if (name === 'x-request-id') continue;
    res.setHeader(name, value);
  }
  const cookies = upstream.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
}

module.exports = { upstreamRequestHeaders, copyResponseHeaders, HOP_BY_HOP, clientAddress };
