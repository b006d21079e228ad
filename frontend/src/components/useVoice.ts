import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatController } from '../chat/controller';
import { MicError, VoiceRecorder } from '../voice/recorder';
import type { MicState } from './Composer';

const MAX_RECORDING_MS = 30_000;

/** Mic button behaviour: first press records, second press sends the recording. */
export function useVoice(controller: ChatController) {
  const recorder = useRef(new VoiceRecorder());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [micState, setMicState] = useState<MicState>('idle');

  const finish = useCallback(async () => {
    clearTimeout(timer.current);
    setMicState('idle');
    try {
      controller.sendVoice(await recorder.current.stop());
    } catch {
      // Already stopped (double press): nothing to send.
    }
  }, [controller]);

  const start = useCallback(async () => {
    setMicState('starting');
    try {
      await recorder.current.start();
      setMicState('recording');
      timer.current = setTimeout(() => void finish(), MAX_RECORDING_MS);
    } catch (error) {
      setMicState('idle');
      controller.showError(error instanceof MicError ? error.userMessage : '마이크를 시작하지 못했어요.');
    }
  }, [controller, finish]);

  const toggle = useCallback(() => {
    if (micState === 'recording') void finish();
    else if (micState === 'idle') void start();
  }, [micState, finish, start]);

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    recorder.current.cancel();
    setMicState('idle');
  }, []);

  useEffect(() => cancel, [cancel]);
  return { micState, toggle, cancel };
}
