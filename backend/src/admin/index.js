'use strict';
/**
 * The admin console on the backend:
 *   GET  /admin                   the console page (frontend/dist/src/admin/index.html)
 *   /api/llm/admin/*              forwarded to llm_server ONLY with an Authorization header;
 *                                 without one: 401 here, nothing reaches llm_server
 *   GET  /api/admin/handoffs      the hand-off queue with transcripts, from the shop's MongoDB
 *
 * The backend keeps no copy of ADMIN_API_KEY: the handoff queue asks llm_server's
 * GET /admin/auth whether the presented key is right, so the key is configured once.
 */
const path = require('node:path');
const express = require('express');
const { HttpError } = require('../errors');
const { loadShopConfig } = require('../shop/config');
const { openShopDb, guarded } = require('../shop/db');

const UNAUTHORIZED = {
  error: { code: 'admin_unauthorized', message: '관리자 키가 필요합니다. (Authorization: Bearer <ADMIN_API_KEY>)' },
};
const MAX_HANDOFFS = 100;

/** 401 without an Authorization header; the key itself is judged by llm_server. */
function requireAuthorization(req, res, next) {
  if (!req.get('authorization')) {
    res.status(401).json(UNAUTHORIZED);
    return;
  }
  next();
}

/** Asks llm_server whether the request's key is the admin key; answers its refusal when not. */
function verifyWithLlmServer(config) {
  return async function verifyAdmin(req, res, next) {
    let upstream;
    try {
      upstream = await fetch(`${config.upstreamUrl}/admin/auth`, {
        headers: { authorization: req.get('authorization') },
        dispatcher: config.dispatcher,
        signal: AbortSignal.timeout(config.healthTimeoutMs || 3000),
      });
    } catch (err) {
      next(new HttpError('upstream_unavailable', undefined, { cause: err }));
      return;
    }
    if (upstream.ok) return next();
    res.status(upstream.status).json(await upstream.json().catch(() => UNAUTHORIZED));
  };
}

function toHandoff(doc) {
  return {
    id: String(doc._id),
    sessionId: doc.sessionId,
    status: doc.status,
    contact: doc.contact ?? null,
    createdAt: doc.createdAt instanceof Date ? doc.createdAt.toISOString() : String(doc.createdAt),
    transcript: Array.isArray(doc.transcript) ? doc.transcript : [],
  };
}

function handoffsRoute(db) {
  return async function listHandoffs(req, res) {
    const docs = await guarded(() => db.collection('handoffs').find({}).sort({ createdAt: -1 }).limit(MAX_HANDOFFS).toArray());
    res.json({ handoffs: docs.map(toHandoff) });
  };
}

/** Mount before the /api/llm proxy: `app.use(createAdminRouter(config))`. */
function createAdminRouter(config) {
  const shop = config.shop || loadShopConfig();
  const db = openShopDb(shop, shop.client);
  const page = path.join(config.frontendDist, 'src', 'admin', 'index.html');
  const router = express.Router();
  router.get(['/admin', '/admin/'], (req, res, next) => res.sendFile(page, (err) => err && next()));
  router.use('/api/llm/admin', requireAuthorization);
  router.get('/api/admin/handoffs', requireAuthorization, verifyWithLlmServer(config), handoffsRoute(db));
  router.close = db.close;
  return router;
}

module.exports = { createAdminRouter, requireAuthorization };
