'use strict';
const { randomUUID } = require('node:crypto');
const { withRequestId } = require('../logger');

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuse the caller's X-Request-ID when it is sane, else mint one; echo it and log the request. */
function requestId(logger) {
  return function assignRequestId(req, res, next) {
    const incoming = req.get('x-request-id');
    req.id = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    res.set('X-Request-ID', req.id);
    const started = process.hrtime.bigint();
    res.on('close', () => {
      logger.info('request', {
        request_id: req.id,
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        completed: res.writableFinished,
      });
    });
    withRequestId(req.id, next);
  };
}

module.exports = { requestId, VALID_ID };
