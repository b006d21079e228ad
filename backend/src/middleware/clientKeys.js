'use strict';
// Who is asking, for the rate limits: the session id the widget sends and the client IP.
const proxyAddr = require('proxy-addr');

const VALID_SESSION = /^[A-Za-z0-9_-]{8,64}$/;
const SESSION_COOKIE = 'sid';

function cookieValue(header, name) {
  for (const part of String(header || '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** X-Session-ID, then the `sid` cookie (the order llm_server resolves them in); null if none is valid. */
function sessionIdOf(headers) {
  const id = headers['x-session-id'] || cookieValue(headers.cookie, SESSION_COOKIE);
  return id && VALID_SESSION.test(id) ? id : null;
}

/** Express's `trust proxy` setting as a function proxy-addr understands. */
function compileTrust(trustProxy) {
  if (typeof trustProxy === 'function') return trustProxy;
  if (trustProxy === true) return () => true;
  if (typeof trustProxy === 'number') return (address, hop) => hop < trustProxy;
  if (typeof trustProxy === 'string' && trustProxy !== 'false') return proxyAddr.compile(trustProxy.split(',').map((s) => s.trim()));
  return () => false;
}

/** The client address of a raw request (the WebSocket upgrade), as Express's req.ip would be. */
function clientIp(req, trust) {
  return proxyAddr(req, trust).replace(/^::ffff:/, '');
}

module.exports = { sessionIdOf, compileTrust, clientIp, VALID_SESSION };
