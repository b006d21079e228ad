// End-to-end: the widget embedded by a shop on ANOTHER origin (http://localhost:<port>) whose
// page sends a strict Content-Security-Policy (no 'unsafe-inline'), against the real stack
// on http://127.0.0.1:<port>: the widget is styled, no CSP violation fires, and a chat turn
// goes through CORS (preflight, X-Session-ID). A page on a non-allowlisted origin is refused.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { hasChromium, launchBrowser, screenshot } from './lib/browser.js';
import { freePort, startStack } from './lib/stack.js';
import { ask, assertNoErrorBanner, assistantMessages, openWidget, waitForAnswer } from './lib/widget.js';

const skip = hasChromium() ? false : 'no /usr/bin/chromium';

/** The CSP snippet docs/frontend.md gives shop owners, for an assistant at `assistant`. */
export function shopCsp(assistant) {
  return [
    "default-src 'self'",
    `script-src 'self' ${assistant}`,
    "style-src 'self'",
    `connect-src 'self' ${assistant}`,
    `img-src 'self' data: ${assistant}`,
    'media-src blob:',
  ].join('; ');
}

function shopPage(assistant) {
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>다른 도메인의 상점</title></head>
<body><h1>Another shop</h1><button>shop button</button>
<script src="${assistant}/widget.js" data-api="${assistant}/api/llm"></script></body></html>`;
}

/** A shop on its own origin: one page, served with the strict CSP. */
async function startShop(assistant, port) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': shopCsp(assistant) });
    res.end(shopPage(assistant));
  });
  const listenPort = port ?? (await freePort());
  await new Promise((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return { port: listenPort, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function recordCspViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

describe('widget on another origin under a strict CSP (real stack)', { skip, timeout: 600000 }, () => {
  let stack;
  let shop;
  let stranger;
  let browser;

  before(async () => {
    const shopPort = await freePort();
    stack = await startStack({ name: 'csp', backendEnv: { CORS_ORIGINS: `http://localhost:${shopPort}` } });
    shop = await startShop(stack.url, shopPort);
    stranger = await startShop(stack.url); // served on a port CORS_ORIGINS does not list
    browser = await launchBrowser();
  }, { timeout: 240000 });

  after(async () => {
    await browser?.close();
    await shop?.close();
    await stranger?.close();
    await stack?.stop();
  });

  it('is styled with no CSP violation (constructable stylesheets, no inline <style>)', async () => {
    const { page } = browser;
    await recordCspViolations(page);
    await page.goto(`http://localhost:${shop.port}/`, { waitUntil: 'load' });
    const launcher = page.locator('[data-testid=launcher]');
    await launcher.waitFor();
    const look = await launcher.evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, position: style.position, radius: style.borderRadius };
    });
    assert.deepEqual(look, { background: 'rgb(17, 17, 17)', position: 'fixed', radius: '50%' });
    const inlineStyles = await page.evaluate(() => document.getElementById('blankspace-chat-widget').shadowRoot.querySelectorAll('style').length);
    assert.equal(inlineStyles, 0);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    await screenshot(page, 'csp-styled');
  });

  it('chats from the second origin through CORS', { timeout: 180000 }, async () => {
    const { page } = browser;
    await openWidget(page);
    const preflights = [];
    page.on('request', (request) => request.method() === 'OPTIONS' && preflights.push(request.url()));
    await ask(page, '3만원 이하 티셔츠 추천해줘');
    assert.equal(await waitForAnswer(page), 'done');
    await assertNoErrorBanner(page);
    const answer = (await assistantMessages(page).last().locator('.bsw-bubble').textContent()).trim();
    assert.ok(answer.length > 0, 'empty answer');
    const sessionId = await page.locator('[data-testid=bsw-root]').getAttribute('data-session-id');
    assert.match(sessionId, /^[A-Za-z0-9_-]{8,64}$/, 'X-Session-ID read from the cross-origin answer');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    await screenshot(page, 'csp-chat');
    // a simple `page.on('request')` sees the preflight only in some Chromium builds; the answer is what counts
    if (preflights.length) assert.ok(preflights.every((url) => url.startsWith(stack.url)));
  });

  it('a page on an origin not in CORS_ORIGINS cannot use the assistant', async () => {
    const { context } = browser;
    const page = await context.newPage();
    await page.goto(`http://localhost:${stranger.port}/`, { waitUntil: 'load' });
    const status = await page.evaluate(async (api) => {
      try {
        const response = await fetch(`${api}/chat/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"hi"}' });
        return response.status;
      } catch (error) {
        return `blocked: ${error.name}`;
      }
    }, `${stack.url}/api/llm`);
    assert.equal(status, 'blocked: TypeError', 'the browser must not hand the answer to a foreign page');
    await page.close();
  });
});

