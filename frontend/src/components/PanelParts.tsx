import type { ChatError } from '../chat/controller';
import { Icon } from './icons';

interface HeaderProps {
  title: string;
  muted: boolean;
  onNewChat(): void;
  onToggleMute(): void;
  onClose(): void;
}

export function PanelHeader({ title, muted, onNewChat, onToggleMute, onClose }: HeaderProps) {
  return (
    <header className="bsw-header">
      <div className="bsw-title">{title}</div>
      <button type="button" className="bsw-text-btn" data-testid="new-chat" onClick={onNewChat}>
        새 대화
      </button>
      <button
        type="button"
        className="bsw-icon-btn"
        aria-label={muted ? '음성 답변 켜기' : '음성 답변 끄기'}
        aria-pressed={muted}
        data-testid="mute"
        onClick={onToggleMute}
      >
        <Icon name={muted ? 'muted' : 'speaker'} />
      </button>
      <button type="button" className="bsw-icon-btn" aria-label="채팅 닫기" onClick={onClose}>
        <Icon name="close" />
      </button>
    </header>
  );
}

export function ErrorBanner({ error, onRetry, onDismiss }: { error: ChatError; onRetry(): void; onDismiss(): void }) {
  return (
    <div className="bsw-error" role="alert" data-testid="error" data-action={error.action}>
      <span>{error.message}</span>
      {error.retryable ? (
        <button type="button" className="bsw-text-btn" onClick={onRetry}>
          다시 시도
        </button>
      ) : (
        <button type="button" className="bsw-text-btn" aria-label="알림 닫기" onClick={onDismiss}>
          닫기
        </button>
      )}
    </div>
  );
}
