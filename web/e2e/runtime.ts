// The browser tests' server: `./microdrop local --in-memory` on a free port (DynamoDB Local, ElasticMQ, the local
// EventBridge, Scheduler and Stripe, every function), started once for all tests with a merchant key of our own
// and a clock 5 times faster (a 1-minute hold lasts 12 s), without the example's timed next drop (the tests publish
// their own). Its output goes to target/e2e/runtime.log.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';

export const TIME_SCALE = 5;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    merchantKey: string;
  }
}

let runtime: ChildProcess | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync('target/e2e', { recursive: true });
  const log = createWriteStream('target/e2e/runtime.log');
  const merchantKey = `mk_e2e_${randomUUID().replace(/-/g, '')}`;
  runtime = spawn('bash', ['../microdrop', 'local', '--in-memory', '--port', '0', '--time-scale', String(TIME_SCALE),
    '--no-next-drop'], {
    env: { ...process.env, MICRODROP_MERCHANT_KEY: merchantKey }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  runtime.stderr!.pipe(log);
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('the local runtime did not print its URL within 300 s; '
      + 'see web/target/e2e/runtime.log')), 300_000);
    let seen = '';
    runtime!.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      seen += chunk.toString();
      const match = /storefront: (http:\/\/localhost:\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timeout);
        resolve(match[1]);
      } else if (seen.includes('storefront: not built')) {
        clearTimeout(timeout);
        reject(new Error('the local runtime found no web/dist: run web/build first'));
      }
    });
    runtime!.on('exit', (code) => reject(new Error(`the local runtime exited (${code}); see web/target/e2e/runtime.log`)));
  });
  project.provide('baseUrl', baseUrl);
  project.provide('merchantKey', merchantKey);
  return async () => {
    if (runtime?.pid) {
      process.kill(-runtime.pid, 'SIGTERM');
      await new Promise((resolve) => runtime!.once('exit', resolve));
    }
  };
}
