import { performance } from 'node:perf_hooks';
import { writeMetrics } from '../src/adapters/files/durable-file.js';
import { percentile } from './load.js';

export interface OperationFigures {
  /** Milliseconds: one run, or the median over repeated runs. */
  p50: number;
  p99: number;
  /** CPU milliseconds of this process per run at the median (user + system, every thread): a shared machine's wait excluded. */
  cpuP50: number;
  cpuP99: number;
  runs: number;
  /** Durable writes and bytes written per run (averaged). */
  durableWrites: number;
  bytesWritten: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs `op` `runs` times (each awaited, one after the other) and reports time and disk writes per run; `setup`, if
 * given, runs before each run and is not measured.
 */
export async function measure(runs: number, op: (i: number) => Promise<unknown>, setup?: (i: number) => Promise<unknown>): Promise<OperationFigures> {
  const times: number[] = [];
  const cpu: number[] = [];
  let writes = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    await setup?.(i);
    const writesBefore = writeMetrics.durableWrites;
    const bytesBefore = writeMetrics.bytesWritten;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await op(i);
    const used = process.cpuUsage(cpuBefore);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    writes += writeMetrics.durableWrites - writesBefore;
    bytes += writeMetrics.bytesWritten - bytesBefore;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    cpuP50: round(percentile(cpu, 50)),
    cpuP99: round(percentile(cpu, 99)),
    runs,
    durableWrites: round(writes / runs),
    bytesWritten: Math.round(bytes / runs),
  };
}
