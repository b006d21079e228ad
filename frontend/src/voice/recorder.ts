/** Microphone recording with MediaRecorder (webm/opus where the browser has it). */

const MIME_CANDIDATES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

export class MicError extends Error {
  constructor(readonly userMessage: string, readonly reason: string) {
    super(reason);
    this.name = 'MicError';
  }
}

export interface Recording {
  blob: Blob;
  filename: string;
}

export class VoiceRecorder {
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];

  get recording(): boolean {
    return this.recorder?.state === 'recording';
  }

  /** Asks for the microphone and starts recording; throws MicError with a Korean message. */
  async start(): Promise<void> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      throw new MicError('이 브라우저에서는 음성 입력을 쓸 수 없어요. (HTTPS 연결이 필요해요)', 'no_media_devices');
    }
    if (typeof MediaRecorder === 'undefined') {
      throw new MicError('이 브라우저는 음성 녹음을 지원하지 않아요.', 'no_media_recorder');
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      throw micError(error);
    }
    const mimeType = MIME_CANDIDATES.find((type) => MediaRecorder.isTypeSupported(type));
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
    this.recorder.ondataavailable = (event) => event.data.size > 0 && this.chunks.push(event.data);
    this.recorder.start(250);
  }

  /** Stops and returns what was recorded. */
  stop(): Promise<Recording> {
    const recorder = this.recorder;
    if (!recorder || recorder.state === 'inactive') return Promise.reject(new Error('not recording'));
    return new Promise((resolve) => {
      recorder.onstop = () => {
        const type = recorder.mimeType || 'audio/webm';
        resolve({ blob: new Blob(this.chunks, { type }), filename: `voice.${extension(type)}` });
        this.release();
      };
      recorder.stop();
    });
  }

  cancel(): void {
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.onstop = null;
      this.recorder.stop();
    }
    this.release();
  }

  private release(): void {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.recorder = null;
  }
}

function extension(mimeType: string): string {
  if (mimeType.includes('ogg')) return 'ogg';
  if (mimeType.includes('mp4')) return 'm4a';
  return 'webm';
}

/** Maps getUserMedia failures to something a shopper can act on. */
export function micError(error: unknown): MicError {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return new MicError('마이크 권한이 거부되었어요. 브라우저 주소창의 사이트 설정에서 마이크를 허용해 주세요.', name);
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return new MicError('마이크를 찾을 수 없어요. 마이크가 연결되어 있는지 확인해 주세요.', name);
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return new MicError('마이크를 사용할 수 없어요. 다른 앱이 마이크를 쓰고 있는지 확인해 주세요.', name);
  }
  return new MicError('마이크를 시작하지 못했어요. 다시 시도해 주세요.', name || 'unknown');
}
