'use strict';
// A minimal text/event-stream reader that timestamps each event as it arrives.

function parseFrame(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return null; // a `: ping` comment
  const text = data.join('\n');
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave non-JSON data as text
  }
  return { event, data: parsed };
}

/** Feeds chunks in, calls onEvent({event, data, at}) for every complete frame. */
function createSseReader(onEvent) {
  let buffer = '';
  const decoder = new TextDecoder();
  return (chunk) => {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    buffer = buffer.replace(/\r\n/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const parsed = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (parsed) onEvent({ ...parsed, at: performance.now() });
      end = buffer.indexOf('\n\n');
    }
  };
}

module.exports = { createSseReader };
