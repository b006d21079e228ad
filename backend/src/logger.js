'use strict';
// One JSON line per event on stdout, so the request id can be grepped across Node and Python logs.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function createLogger({ level = 'info', write = (line) => process.stdout.write(line) } = {}) {
  const threshold = LEVELS[level] ?? LEVELS.info;
  const log = (lvl) => (event, fields = {}) => {
    if (LEVELS[lvl] < threshold) return;
    write(`${JSON.stringify({ ts: new Date().toISOString(), level: lvl, event, ...fields })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

module.exports = { createLogger };
