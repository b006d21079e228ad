import { describe, expect, it } from 'vitest';
import type { AudioClip } from '../api/types';
import { AudioQueue, wavBlob, type ClipPlayer } from './audioQueue';

/** Player whose clips end only when the test says so; records what overlapped. */
class ManualPlayer implements ClipPlayer {
  started: number[] = [];
  active: { clip: AudioClip; end: (error?: Error) => void }[] = [];
  maxConcurrent = 0;
  stops = 0;

  play(clip: AudioClip): Promise<void> {
    this.started.push(clip.index);
    return new Promise((resolve, reject) => {
      const entry = { clip, end: (error?: Error) => (error ? reject(error) : resolve()) };
      this.active.push(entry);
      this.maxConcurrent = Math.max(this.maxConcurrent, this.active.length);
    });
  }

  stop(): void {
    this.stops += 1;
    this.finishCurrent();
  }

  finishCurrent(error?: Error): void {
    const entry = this.active.shift();
    entry?.end(error);
  }
}

const clip = (index: number): AudioClip => ({ index, text: `문장 ${index}`, voice: 'ko-espeak', wav_base64: '' });
const flush = () => new Promise((r) => setTimeout(r, 0));

async function playAll(player: ManualPlayer, queue: AudioQueue) {
  while (queue.state.playing) {
    player.finishCurrent();
    await flush();
  }
}

describe('AudioQueue', () => {
  it('plays one clip at a time, in arrival order', async () => {
    const player = new ManualPlayer();
    const queue = new AudioQueue(player);
    [0, 1, 2].forEach((i) => queue.enqueue(clip(i)));
    expect(player.started).toEqual([0]);
    expect(queue.state).toMatchObject({ playing: true, pending: 2 });
    await playAll(player, queue);
    expect(player.started).toEqual([0, 1, 2]);
    expect(player.maxConcurrent).toBe(1);
    expect(queue.state).toMatchObject({ playing: false, pending: 0, played: 3 });
  });

  it('plays waiting clips by sentence index, not arrival order', async () => {
    const player = new ManualPlayer();
    const queue = new AudioQueue(player);
    [0, 3, 1, 2].forEach((i) => queue.enqueue(clip(i)));
    await playAll(player, queue);
    expect(player.started).toEqual([0, 1, 2, 3]);
  });

  it('mute stops the current clip, drops the queue and skips new clips', async () => {
    const player = new ManualPlayer();
    const queue = new AudioQueue(player);
    [0, 1, 2].forEach((i) => queue.enqueue(clip(i)));
    queue.setMuted(true);
    await flush();
    expect(player.stops).toBe(1);
    queue.enqueue(clip(3));
    await flush();
    expect(player.started).toEqual([0]);
    expect(queue.state).toMatchObject({ playing: false, muted: true, pending: 0, played: 0, skipped: 3 });

    queue.setMuted(false);
    queue.enqueue(clip(4));
    expect(player.started).toEqual([0, 4]);
  });

  it('counts a failed clip and goes on with the next', async () => {
    const player = new ManualPlayer();
    const queue = new AudioQueue(player);
    [0, 1].forEach((i) => queue.enqueue(clip(i)));
    player.finishCurrent(new Error('NotAllowedError'));
    await flush();
    expect(player.started).toEqual([0, 1]);
    await playAll(player, queue);
    expect(queue.state).toMatchObject({ played: 1, failed: 1 });
  });

  it('notifies subscribers of playing state', async () => {
    const player = new ManualPlayer();
    const queue = new AudioQueue(player);
    const seen: boolean[] = [];
    queue.subscribe((s) => seen.push(s.playing));
    queue.enqueue(clip(0));
    await playAll(player, queue);
    expect(seen[0]).toBe(true);
    expect(seen[seen.length - 1]).toBe(false);
  });
});

describe('wavBlob', () => {
  it('decodes base64 into a WAV blob', async () => {
    const blob = wavBlob(btoa('RIFF\x00\x01'));
    expect(blob.type).toBe('audio/wav');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([82, 73, 70, 70, 0, 1]));
  });
});
