import { createRoot, type Root } from 'react-dom/client';
import { ChatWidget, type ChatWidgetProps } from '../components/ChatWidget';

export type MountOptions = ChatWidgetProps;

/**
 * Mounts the widget inside a Shadow DOM on `host`, so the shop's CSS cannot reach it and
 * its CSS (inlined by the component) cannot leak out. Returns an unmount function.
 */
export function mountChatWidget(host: HTMLElement, options: MountOptions = {}): () => void {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.appendChild(container);
  const root: Root = createRoot(container);
  root.render(<ChatWidget {...options} />);
  return () => {
    root.unmount();
    container.remove();
  };
}
