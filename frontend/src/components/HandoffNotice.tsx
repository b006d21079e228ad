import type { HandoffView } from '../shop/types';

/** The conversation was handed to a person: say so, and what happens next. */
export function HandoffNotice({ handoff }: { handoff: HandoffView }) {
  return (
    <section className="bsw-handoff" role="status" data-testid="handoff-notice" data-status={handoff.status}>
      <div className="bsw-handoff__title">상담원 연결 요청됨</div>
      <div>{handoff.message || '상담원이 순서대로 이어서 답변드릴게요.'}</div>
    </section>
  );
}
