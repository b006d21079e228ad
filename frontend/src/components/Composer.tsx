import { forwardRef, useState, type KeyboardEvent } from 'react';
import { Icon } from './icons';

export type MicState = 'idle' | 'starting' | 'recording';

interface Props {
  busy: boolean;
  micState: MicState;
  onSend(text: string): void;
  onStop(): void;
  onMic(): void;
}

export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ busy, micState, onSend, onStop, onMic }, ref) {
  const [text, setText] = useState('');
  const recording = micState === 'recording';

  const submit = () => {
    if (busy || !text.trim()) return;
    onSend(text);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Korean IME: Enter that finishes composing a syllable must not send the message.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  return (
    <form
      className="bsw-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={ref}
        className="bsw-input"
        rows={1}
        value={text}
        maxLength={2000}
        placeholder={recording ? '듣고 있어요… 다 말하면 마이크를 다시 눌러 주세요' : '무엇을 도와드릴까요?'}
        aria-label="메시지 입력"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className={`bsw-icon-btn bsw-mic${recording ? ' bsw-mic--recording' : ''}`}
        aria-label={recording ? '녹음 끝내고 보내기' : '음성으로 질문하기'}
        aria-pressed={recording}
        data-testid="mic"
        data-state={micState}
        disabled={(busy && !recording) || micState === 'starting'}
        onClick={onMic}
      >
        <Icon name={recording ? 'stop' : 'mic'} />
      </button>
      {busy ? (
        <button type="button" className="bsw-icon-btn bsw-stop" aria-label="답변 중지" data-testid="stop" onClick={onStop}>
          <Icon name="stop" />
        </button>
      ) : (
        <button type="submit" className="bsw-icon-btn bsw-send" aria-label="보내기" data-testid="send" disabled={!text.trim()}>
          <Icon name="send" />
        </button>
      )}
    </form>
  );
});
