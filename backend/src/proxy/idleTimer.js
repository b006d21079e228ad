'use strict';

/** Calls onIdle once the upstream has been silent for `ms`; reset() on every sign of life. */
function createIdleTimer(ms, onIdle) {
  const timer = setTimeout(onIdle, ms);
  return {
    reset: () => timer.refresh(),
    stop: () => clearTimeout(timer),
  };
}

module.exports = { createIdleTimer };
