import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { ChatClient } from '../api/client';
import { AudioQueue, HtmlAudioPlayer, type AudioQueueState } from '../audio/audioQueue';
import { ChatController } from '../chat/controller';
import { SessionStore } from '../chat/session';
import css from '../widget/styles.css?inline';
import shopCss from '../shop/shop.css?inline';
import { Composer } from './Composer';
import { ErrorBanner, PanelHeader } from './PanelParts';
import { Icon } from './icons';
import { MessageList } from './MessageList';
import { useVoice } from './useVoice';

export interface ChatWidgetProps {
  /** Base URL of the llm_server proxy, e.g. "/api/llm". */
  apiBase?: string;
  title?: string;
  defaultOpen?: boolean;
  /** The shadow root already holds the widget's stylesheets (widget/mount.tsx): no `<style>`. */
  adoptedStyles?: boolean;
}

const MUTE_KEY = 'blankspace-chat.muted';

function createStore(apiBase: string) {
  const audio = new AudioQueue(new HtmlAudioPlayer());
  audio.setMuted(readMuted());
  const controller = new ChatController(new ChatClient(apiBase), new SessionStore(), audio);
  return { audio, controller };
}

export function ChatWidget({ apiBase = '/api/llm', title = 'BlankSpace 쇼핑 도우미', defaultOpen = false, adoptedStyles = false }: ChatWidgetProps) {
  const { audio, controller } = useMemo(() => createStore(apiBase), [apiBase]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const audioState = useAudioState(audio);
  const voice = useVoice(controller);
  const [open, setOpen] = useState(defaultOpen);
  const launcher = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => void controller.loadHistory(), [controller]);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const close = () => {
    voice.cancel();
    setOpen(false);
    launcher.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  const toggleMute = () => {
    audio.setMuted(!audioState.muted);
    writeMuted(!audioState.muted);
  };

  return (
    <div
      className="bsw-root"
      data-testid="bsw-root"
      data-open={open}
      data-busy={state.busy}
      data-session-id={state.sessionId}
      data-audio-state={audioState.playing ? 'playing' : 'idle'}
      data-audio-played={audioState.played}
      data-audio-failed={audioState.failed}
    >
      {!adoptedStyles && <style>{css}</style>}
      {!adoptedStyles && <style>{shopCss}</style>}
      <button
        ref={launcher}
        type="button"
        className="bsw-launcher"
        aria-label={open ? '쇼핑 도우미 닫기' : '쇼핑 도우미 열기'}
        aria-expanded={open}
        aria-controls="bsw-panel"
        data-testid="launcher"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <Icon name={open ? 'close' : 'chat'} size={26} />
      </button>
      {open && (
        <section id="bsw-panel" className="bsw-panel" role="dialog" aria-label={title} onKeyDown={onKeyDown}>
          <PanelHeader
            title={title}
            muted={audioState.muted}
            onNewChat={() => {
              voice.cancel();
              void controller.newConversation();
            }}
            onToggleMute={toggleMute}
            onClose={close}
          />
          <MessageList messages={state.messages} busy={state.busy} onAsk={(q) => controller.sendText(q)} apiBase={apiBase} />
          {state.error && <ErrorBanner error={state.error} onRetry={() => controller.retry()} onDismiss={() => controller.dismissError()} />}
          <Composer
            ref={input}
            busy={state.busy}
            micState={voice.micState}
            onSend={(text) => controller.sendText(text)}
            onStop={() => controller.stop()}
            onMic={voice.toggle}
          />
        </section>
      )}
    </div>
  );
}

function useAudioState(audio: AudioQueue): AudioQueueState {
  const [state, setState] = useState(audio.state);
  useEffect(() => audio.subscribe(setState), [audio]);
  useEffect(() => () => audio.clear(), [audio]);
  return state;
}

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

function writeMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // Not persisted; the toggle still works for this page.
  }
}
