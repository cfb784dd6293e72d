/** Alert sink adapter for local mode: appends each alert to a JSON-lines file and logs it. */
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "../runtime/logger";
import type { Alert, AlertSink } from "./alert-sink";

/** Appends alerts as JSON lines ({time, subject, detector, message, text}) and writes a log line for each. */
export class FileAlertSink implements AlertSink {
  private folderReady: Promise<unknown> | undefined;

  /** @param file JSON-lines file; its folder is created on the first alert */
  constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  /** Appends the alert to the file. */
  async publish(alert: Alert): Promise<void> {
    this.folderReady ??= mkdir(dirname(this.file), { recursive: true });
    try {
      await this.folderReady;
    } catch (error) {
      this.folderReady = undefined;
      throw error;
    }
    const line = {
      time: new Date().toISOString(),
      subject: alert.subject,
      detector: alert.detector,
      message: alert.message,
      text: alert.text,
    };
    await appendFile(this.file, `${JSON.stringify(line)}\n`, "utf8");
    this.logger.log("info", alert.subject, {
      detector: alert.detector,
      alertFile: this.file,
      alert: alert.message,
    });
  }
}
