'use strict';
// POST /api/handoffs — hand the conversation to a person: the transcript (phone numbers
// masked), how to reach the shopper, status "open". Staff tools pick them up from MongoDB.
const { ShopError } = require('./errors');
const { guarded } = require('./db');

const ROLES = new Set(['user', 'assistant']);
const MAX_MESSAGES = 100;
const MAX_CHARS = 4000;
const MAX_CONTACT = 200;
// 010-1234-5678, 01012345678, 02-123-4567, +82 10 1234 5678 ...
const PHONE = /(?<!\d)(?:\+?82[-.\s]?|0)(?:1[016789]|2|[3-6][1-5]|70)[-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)/g;
const NEXT_STEP = '상담원 연결을 요청했어요. 상담 시간에 접수 순서대로 상담원이 이어서 답변드릴게요.';

const maskPhones = (text) => text.replace(PHONE, (match) => match.replace(/\d(?=(?:\D*\d){0,7}\D*$)/g, '*'));

function parseHandoff(body) {
  const transcript = body?.transcript ?? [];
  const contact = body?.contact ?? null;
  const valid =
    Array.isArray(transcript) &&
    transcript.length <= MAX_MESSAGES &&
    transcript.every((m) => ROLES.has(m?.role) && typeof m.content === 'string' && m.content.length <= MAX_CHARS) &&
    (contact === null || (typeof contact === 'string' && contact.length <= MAX_CONTACT));
  if (!valid) throw new ShopError('invalid_handoff');
  return {
    transcript: transcript.map((m) => ({ role: m.role, content: maskPhones(m.content.normalize('NFC')) })),
    contact: contact ? contact.normalize('NFC').trim() || null : null,
  };
}

async function createHandoff(db, sessionId, { transcript, contact }) {
  const doc = { sessionId, transcript, contact, status: 'open', createdAt: new Date() };
  const { insertedId } = await guarded(() => db.collection('handoffs').insertOne(doc));
  return { id: String(insertedId), status: doc.status, createdAt: doc.createdAt.toISOString(), message: NEXT_STEP };
}

function handoffRoute({ db, limits, sessionOf }) {
  return async function postHandoff(req, res) {
    const handoff = parseHandoff(req.body);
    const sessionId = sessionOf(req, res);
    await limits.handoff(sessionId);
    res.status(201).json(await createHandoff(db, sessionId, handoff));
  };
}

module.exports = { handoffRoute, maskPhones, parseHandoff };
