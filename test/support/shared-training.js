/**
 * Jest global setup and teardown of the training the model tests share (test/models/helpers/retrain.ts):
 * setup names the run (every worker inherits the variable), teardown removes its folder.
 */
const { rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

/** The variable that names this Jest run's shared training folder. */
const RUN_VARIABLE = "HELIOS_TEST_RUN_ID";

/** The shared training folder of a run. */
const folderOf = (run) => join(tmpdir(), `helios-retrain-${run}`);

module.exports = {
  RUN_VARIABLE,
  folderOf,
  setup: async () => {
    process.env[RUN_VARIABLE] = `${process.pid}-${Date.now()}`;
  },
  teardown: async () => {
    rmSync(folderOf(process.env[RUN_VARIABLE]), { recursive: true, force: true });
  },
};
