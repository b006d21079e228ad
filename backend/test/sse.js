'use strict';
// The tests' text/event-stream reader: eventsource-parser (the widget's parser too),
// timestamping each event as it arrives.
const { createParser } = require('eventsource-parser');

function decode(data) {
  try {
    return JSON.parse(data);
  } catch {
    return data; // leave non-JSON data as text
  }
}

/** Feeds chunks in, calls onEvent({event, data, at}) for every complete event; `: ping` comments are skipped. */
function createSseReader(onEvent) {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (event) => onEvent({ event: event.event || 'message', data: decode(event.data), at: performance.now() }),
  });
  return (chunk) => parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
}

module.exports = { createSseReader };
