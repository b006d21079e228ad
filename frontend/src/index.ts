/** Public API for React apps: `import { ChatWidget } from 'blankspace-chat-widget'`. */
export { ChatWidget, type ChatWidgetProps } from './components/ChatWidget';
export { mountChatWidget, type MountOptions } from './widget/mount';
