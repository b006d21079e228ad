// @vitest-environment node
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FRONTEND_DIR = path.resolve(__dirname, '..', '..');

describe('generated API types', () => {
  it("match llm_server's OpenAPI document (else: npm run gen:types)", () => {
    const run = spawnSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd: FRONTEND_DIR, encoding: 'utf8' });
    expect(run.stderr + run.stdout).toBe('');
    expect(run.status).toBe(0);
  }, 180_000);
});
