'use strict';
const { HttpError } = require('../errors');

function tooLarge(maxBytes) {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new HttpError('payload_too_large', `업로드 파일이 너무 큽니다. 최대 ${mb}MB까지 보낼 수 있습니다.`, {
    headers: { Connection: 'close' },
  });
}

function hasBody(req) {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
}

/** Rejects a declared Content-Length over the limit before anything is forwarded. */
function checkDeclaredLength(req, maxBytes) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The request body as an async iterable that fetch streams upstream (duplex: 'half'):
 * chunks pass through one by one and a running count stops chunked bodies at the limit.
 */
async function* limitedBody(req, maxBytes, onChunk) {
  let total = 0;
  for await (const chunk of req) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    onChunk();
    yield chunk;
  }
}

module.exports = { hasBody, checkDeclaredLength, limitedBody, tooLarge };
