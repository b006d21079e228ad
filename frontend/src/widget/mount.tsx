import { createRoot, type Root } from 'react-dom/client';
import { ChatWidget, type ChatWidgetProps } from '../components/ChatWidget';
import css from './styles.css?inline';
import shopCss from '../shop/shop.css?inline';

export type MountOptions = ChatWidgetProps;

const WIDGET_CSS = [css, shopCss];

/**
 * Styles the shadow root with constructable stylesheets. Unlike a `<style>` element they are
 * not "inline styles" to a Content-Security-Policy, so the widget stays styled on a shop page
 * whose CSP has no `style-src 'unsafe-inline'` (docs/frontend.md, "Strict CSP").
 * False where the browser cannot (the component then falls back to `<style>` elements).
 */
export function adoptWidgetStyles(shadow: ShadowRoot): boolean {
  if (!('adoptedStyleSheets' in shadow) || typeof CSSStyleSheet === 'undefined') return false;
  try {
    const sheets = WIDGET_CSS.map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, ...sheets];
    return true;
  } catch {
    return false; // e.g. a DOM without the CSSStyleSheet constructor
  }
}

/**
 * Mounts the widget inside a Shadow DOM on `host`, so the shop's CSS cannot reach it and
 * its CSS cannot leak out. Returns an unmount function.
 */
export function mountChatWidget(host: HTMLElement, options: MountOptions = {}): () => void {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const adopted = adoptWidgetStyles(shadow);
  const container = document.createElement('div');
  shadow.appendChild(container);
  const root: Root = createRoot(container);
  root.render(<ChatWidget {...options} adoptedStyles={adopted} />);
  return () => {
    root.unmount();
    container.remove();
  };
}
