/**
 * The llm_server contract as the widget reads it: friendly names for the types generated
 * from the server's OpenAPI document (schema.gen.ts, by `npm run gen:types`; a test fails
 * when they drift from llm_server/protocol.py). Nothing here is written by hand but the
 * few widget guarantees noted below.
 */

import type { components } from './schema.gen';

type Schemas = components['schemas'];

export type Product = Schemas['Product'];
export type Faq = Schemas['FaqEntry'];
export type Filters = Schemas['Filters'];
export type Timings = Schemas['Timings'];
export type VoiceTimings = Schemas['VoiceTimings'];
export type MetaEvent = Schemas['MetaEvent'];
export type TokenEvent = Schemas['TokenEvent'];
export type DoneEvent = Schemas['DoneEvent'];
export type VoiceDoneEvent = Schemas['VoiceDoneEvent'];
export type ErrorEvent = Schemas['ErrorEvent'];
export type TranscriptEvent = Schemas['TranscriptEvent'];
export type AudioEvent = Schemas['AudioEvent'];
export type ErrorBody = Schemas['ErrorBody'];
export type ChatRequest = Schemas['ChatRequest'];
export type ChatResponse = Schemas['ChatResponse'];
export type StoredMessage = Schemas['SessionMessage'];
export type SessionHistory = Schemas['SessionHistory'];
export type Intent = MetaEvent['intent'];

/**
 * `grounded` is the old name of `extractive` (templates, no LLM); servers of the previous
 * release still send it, so the widget accepts both for one release.
 */
export type AnswerMode = MetaEvent['answer_mode'] | 'grounded';

/** `meta` as the widget keeps it: lists always present (the client fills missing ones). */
export type ChatMeta = Omit<MetaEvent, 'answer_mode'> & {
  answer_mode: AnswerMode;
  products: Product[];
  faq: Faq[];
  suggestions: string[];
};

export type ChatDone = DoneEvent | VoiceDoneEvent;
export type AudioClip = AudioEvent;
