/**
 * Plays the spoken answer sentence by sentence: one clip at a time (never overlapping),
 * lowest `index` first, nothing while muted.
 */

import type { AudioClip } from '../api/types';

/** Plays one clip; the promise settles when it ends, fails, or `stop()` is called. */
export interface ClipPlayer {
  play(clip: AudioClip): Promise<void>;
  stop(): void;
}

export interface AudioQueueState {
  playing: boolean;
  muted: boolean;
  pending: number;
  played: number;
  failed: number;
  skipped: number;
}

export class AudioQueue {
  private pending: AudioClip[] = [];
  private playing = false;
  private muted = false;
  private generation = 0;
  private counts = { played: 0, failed: 0, skipped: 0 };
  private readonly listeners = new Set<(state: AudioQueueState) => void>();

  constructor(private readonly player: ClipPlayer) {}

  enqueue(clip: AudioClip): void {
    if (this.muted) {
      this.counts.skipped += 1;
    } else {
      this.pending.push(clip);
      this.pending.sort((a, b) => a.index - b.index);
    }
    this.pump();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (muted) this.clear();
    else this.emit();
  }

  /** Stops the current clip and drops the rest (new conversation, stop button, mute). */
  clear(): void {
    this.generation += 1;
    this.counts.skipped += this.pending.length;
    this.pending = [];
    if (this.playing) this.player.stop();
    this.playing = false;
    this.emit();
  }

  get state(): AudioQueueState {
    return { playing: this.playing, muted: this.muted, pending: this.pending.length, ...this.counts };
  }

  subscribe(listener: (state: AudioQueueState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private pump(): void {
    const next = this.playing || this.muted ? undefined : this.pending.shift();
    if (next) void this.playOne(next, this.generation);
    else this.emit();
  }

  private async playOne(clip: AudioClip, generation: number): Promise<void> {
    this.playing = true;
    this.emit();
    let ok = true;
    try {
      await this.player.play(clip);
    } catch {
      ok = false;
    }
    if (generation !== this.generation) return; // cleared meanwhile; the clear already reset state
    this.counts[ok ? 'played' : 'failed'] += 1;
    this.playing = false;
    this.pump();
  }

  private emit(): void {
    const state = this.state;
    this.listeners.forEach((listener) => listener(state));
  }
}

/** Browser player: each clip is a WAV decoded from base64 and played by an <audio> element. */
export class HtmlAudioPlayer implements ClipPlayer {
  private current: { audio: HTMLAudioElement; finish: (error?: unknown) => void } | null = null;

  play(clip: AudioClip): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const url = URL.createObjectURL(wavBlob(clip.wav_base64));
      const audio = new Audio(url);
      const finish = (error?: unknown) => {
        if (this.current?.audio !== audio) return;
        this.current = null;
        audio.onended = audio.onerror = null;
        URL.revokeObjectURL(url);
        if (error) reject(error);
        else resolve();
      };
      this.current = { audio, finish };
      audio.onended = () => finish();
      audio.onerror = () => finish(new Error('audio decode failed'));
      audio.play().catch(finish);
    });
  }

  stop(): void {
    const current = this.current;
    if (!current) return;
    current.audio.pause();
    current.finish();
  }
}

export function wavBlob(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'audio/wav' });
}
