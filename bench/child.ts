import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface ServedBot {
  url: string;
  loadAndListenMs: number;
  sinceProcessStartMs: number;
  pid: number;
  memory(): Promise<{ rss: number; heapUsed: number; external: number; arrayBuffers: number; durableWrites: number }>;
  /** CPU milliseconds (user + system) the child has used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/serve.ts in a child node process (tsx loader) and waits for READY; `env` adds to this process's environment. */
export async function serveInChild(args: string[], nodeFlags: string[] = [], env: Record<string, string> = {}): Promise<ServedBot> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', ...nodeFlags, path.join(HERE, 'serve.ts'), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: child.stdout! });
  const waiters: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiters.shift()?.(line));
  const next = (prefix: string) =>
    new Promise<Record<string, number> & { url: string }>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench bot exited with ${code} before ${prefix}`));
      child.once('exit', onExit);
      waiters.push((line) => {
        child.off('exit', onExit);
        if (!line.startsWith(`${prefix} `)) return reject(new Error(`unexpected output from bench bot: ${line}`));
        resolve(JSON.parse(line.slice(prefix.length + 1)) as Record<string, number> & { url: string });
      });
    });
  const ready = await next('READY');
  return {
    url: ready.url,
    loadAndListenMs: ready.loadAndListenMs as number,
    sinceProcessStartMs: ready.sinceProcessStartMs as number,
    pid: child.pid as number,
    async memory() {
      const reply = next('MEM');
      child.stdin!.write('mem\n');
      const m = await reply;
      return { rss: m.rss as number, heapUsed: m.heapUsed as number, external: m.external as number, arrayBuffers: m.arrayBuffers as number, durableWrites: m.durableWrites as number };
    },
    async cpuMs() {
      const reply = next('CPU');
      child.stdin!.write('cpu\n');
      return (await reply).ms as number;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin!.end();
      await exited;
    },
  };
}
