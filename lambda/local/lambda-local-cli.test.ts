/** `npm run lambda:local` as a user starts it: its endpoint line, the SDK against it, and a clean SIGTERM. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAlive } from './cgroup-fs.js';
import { readCredentialFile } from './credential-file.js';
import type { ApiCredentials } from './credentials.js';
import { cgroupDirsOf, clientFor, deploy, diesWithin, invoke } from './local-lambda.fixture.js';

describe('npm run lambda:local', () => {
  it('prints its endpoint, serves the SDK, and on SIGTERM stops every environment and removes its cgroups', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'lambda/local/main.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve(line);
      });
      server.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
    });
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The standalone server leaves its credential for this user's clients (endpoint.ts reads it the same way).
    const credentials = readCredentialFile(Number(new URL(endpoint).port));
    expect(credentials).toBeDefined();
    const client = clientFor(endpoint, credentials as ApiCredentials);
    await deploy(client, 'cli', 'echo');
    const { pid } = (await invoke(client, 'cli')).body as { pid: number };
    expect(isAlive(pid)).toBe(true);
    client.destroy();
    const exitCode = await new Promise<number | null>((resolve) => {
      server.on('exit', (code) => resolve(code));
      server.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
    expect(await diesWithin(pid, 5000)).toBe(true);
    expect(cgroupDirsOf(server.pid ?? -1)).toEqual([]);
  });
});
