'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { ObjectId } = require('mongodb');
const { startMongo, connect } = require('./mongo');
const { startShop, json, service } = require('./shopServer');

let mongo;
let client;
let shop;
const TRANSCRIPT = [
  { role: 'user', content: '주문한 옷이 안 와요. 제 번호는 010-1234-5678 이에요' },
  { role: 'assistant', content: '주문번호와 휴대폰 번호 뒤 4자리를 알려 주세요.' },
  { role: 'user', content: '상담원 연결해 주세요 01098765432' },
];
const post = (body, headers = { 'x-session-id': 'sess-handoff-1' }, path = '/api/handoffs') =>
  fetch(`${shop.url}${path}`, { method: 'POST', ...json(body, headers) });

before(async () => {
  mongo = await startMongo();
  client = await connect(mongo.uri);
  shop = await startShop(mongo, client, { HANDOFFS_PER_SESSION: '2' });
});
after(async () => {
  await shop?.close();
  await client?.close();
  await mongo?.stop();
});

test('a handoff is stored open, with phone numbers masked in the transcript', async () => {
  const res = await post({ transcript: TRANSCRIPT, contact: '카카오톡 blank_user' });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.equal(body.status, 'open');
  assert.match(body.message, /상담원/);
  const doc = await shop.db.collection('handoffs').findOne({ _id: new ObjectId(body.id) });
  assert.equal(doc.status, 'open');
  assert.equal(doc.sessionId, 'sess-handoff-1');
  assert.equal(doc.contact, '카카오톡 blank_user');
  assert.ok(doc.createdAt instanceof Date);
  assert.equal(doc.transcript[0].content, '주문한 옷이 안 와요. 제 번호는 010-****-**** 이에요');
  assert.equal(doc.transcript[2].content, '상담원 연결해 주세요 010********');
  assert.ok(!JSON.stringify(doc).includes('5678'));
});

test('malformed transcripts are a 400', async () => {
  for (const body of [{ transcript: 'hi' }, { transcript: [{ role: 'system', content: 'x' }] }, { transcript: [], contact: 5 }]) {
    const res = await post(body, { 'x-session-id': 'sess-handoff-2' });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal((await res.json()).error.code, 'invalid_handoff');
  }
});

test('handoffs per session are limited', async () => {
  const statuses = [];
  for (let i = 0; i < 3; i += 1) statuses.push((await post({ transcript: [] }, { 'x-session-id': 'sess-handoff-3' })).status);
  assert.deepEqual(statuses, [201, 201, 429]);
});

test('llm_server creates a handoff for the session it acts for', async () => {
  const res = await post({ transcript: TRANSCRIPT.slice(0, 1) }, service('w_handoff_0001'), '/api/service/handoffs');
  assert.equal(res.status, 201);
  const doc = await shop.db.collection('handoffs').findOne({ sessionId: 'w_handoff_0001' });
  assert.equal(doc.transcript.length, 1);
  assert.equal(doc.contact, null);
});
