/**
 * Profiles the bot under the chat benchmark's load: the bot child runs with --cpu-prof, 50 conversations send the
 * command mix, then the profile's top self-time functions are printed.
 *   tsx bench/profile-chat.ts [messages per conversation, default 60] [--echo]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BenchConnector } from './connector.js';
import { serveInChild } from './child.js';
import { ChatClient, runConversations, summarize } from './load.js';
import { CONVERSATIONS, commandFor, personas, seed } from './chat.js';
import { selfTimes } from './cpuprofile-top.js';

const messages = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 60);
const echo = process.argv.includes('--echo');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-bench-profile-'));
const profileDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-cpuprofile-'));
const connector = new BenchConnector();
await connector.start();
const all = personas();
const upns = await seed(dataDir, all.slice(CONVERSATIONS / 2));
const owners = all.slice(0, CONVERSATIONS / 2).map((o) => o.aadObjectId).join(',');
const bot = await serveInChild(echo ? ['echo'] : ['bot', dataDir, owners], ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
const client = new ChatClient(bot.url, connector);
const commands = commandFor(upns);
await runConversations(client, all, 1, () => 'use contoso');
const load = summarize([await runConversations(client, all, messages, commands)]);
client.close();
await bot.stop();
console.log(`${echo ? 'echo bot' : 'license-desk'}: ${load.activities} activities, ${load.perSecond}/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.errors} errors`);
const [file] = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no .cpuprofile written');
const kept = path.join(os.tmpdir(), `license-desk-${echo ? 'echo' : 'bot'}-${Date.now()}.cpuprofile`);
const text = await readFile(path.join(profileDir, file), 'utf8');
await import('node:fs/promises').then((fs) => fs.writeFile(kept, text));
const { byFunction, byOwner, totalMs } = selfTimes(JSON.parse(text));
const pct = (ms: number) => `${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms`;
console.log(`profile: ${kept} (${totalMs.toFixed(0)} ms sampled; includes start-up)\n\nself time by package / source folder:`);
for (const [owner, ms] of byOwner.slice(0, 15)) console.log(`${pct(ms)}  ${owner}`);
console.log('\ntop functions by self time:');
for (const [fn, ms] of byFunction.slice(0, 30)) console.log(`${pct(ms)}  ${fn}`);
await connector.stop();
await rm(dataDir, { recursive: true, force: true });
await rm(profileDir, { recursive: true, force: true });
