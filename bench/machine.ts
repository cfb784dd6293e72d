/** The machine a benchmark ran on, for the report: figures mean little without it. */
import { cpus, loadavg, totalmem } from "node:os";

/** What the report says about the machine. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly nodeVersion: string;
  readonly platform: string;
  /** 1-minute load average when the run started and ended: other processes share this machine. */
  readonly loadAverageAtStart: number;
  loadAverageAtEnd?: number;
  readonly date: string;
}

/** Describes this machine now. */
export function describeMachine(now: Date = new Date()): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    nodeVersion: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
    date: now.toISOString(),
  };
}

/** The current 1-minute load average, rounded. */
export function currentLoad(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}
