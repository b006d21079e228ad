'use strict';
// Whose cart: the widget's X-Session-ID (the chat session), else the `sid` cookie (the same
// one llm_server sets), else a new `sid` cookie. Service routes take the session llm_server
// acts for from X-Session-ID only. Resolution is the proxy's one (middleware/clientKeys.js).
const { randomBytes } = require('node:crypto');
const { sessionIdOf, VALID_SESSION } = require('../middleware/clientKeys');
const { ShopError } = require('./errors');

const COOKIE = 'sid';
const COOKIE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** The caller's valid session id, or null. */
const sessionOf = (req) => sessionIdOf(req.headers);

/** A shopper's session, minting (and setting) a `sid` cookie when there is none. */
function shopperSession(req, res) {
  const existing = sessionOf(req);
  if (existing) return existing;
  const id = `s_${randomBytes(16).toString('hex')}`;
  res.cookie(COOKIE, id, { httpOnly: true, sameSite: 'lax', maxAge: COOKIE_MAX_AGE_MS, path: '/' });
  return id;
}

/** The session a service call acts for (required). */
function actingSession(req) {
  const id = req.get('x-session-id');
  if (!id || !VALID_SESSION.test(id)) throw new ShopError('invalid_session_id', '서비스 호출에는 X-Session-ID가 필요합니다.');
  return id;
}

module.exports = { sessionOf, shopperSession, actingSession };
