// onnxruntime-node builds its output tensors with the host realm's typed-array constructors,
// while Jest gives each test file a fresh realm, so `instanceof Float32Array` fails inside tests.
// Sharing the host constructors with the sandbox makes tensors created on both sides compatible.
const NodeEnvironment = require("jest-environment-node").TestEnvironment;

const SHARED = [
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
];

class OrtEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OrtEnvironment;
