'use strict';
// Whose cart: the widget's X-Session-ID (the chat session), else the `sid` cookie, else a new
// `sid` cookie. Service routes take the session llm_server acts for from X-Session-ID only.
const { randomBytes } = require('node:crypto');
const { ShopError } = require('./errors');

const VALID_SESSION = /^[A-Za-z0-9_-]{8,64}$/;
const COOKIE = 'sid';
const COOKIE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

function cookieValue(header, name) {
  for (const part of String(header || '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The caller's valid session id, or null. */
function sessionOf(req) {
  const id = req.get('x-session-id') || cookieValue(req.headers.cookie, COOKIE);
  return id && VALID_SESSION.test(id) ? id : null;
}

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

module.exports = { sessionOf, shopperSession, actingSession, VALID_SESSION };
