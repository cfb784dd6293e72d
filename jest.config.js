/** Jest configuration: TypeScript through SWC, and a Node environment that onnxruntime-node can use. */
module.exports = {
  testEnvironment: "<rootDir>/test/support/ort-environment.js",
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 30000,
  globalSetup: "<rootDir>/test/support/shared-training-setup.js",
  globalTeardown: "<rootDir>/test/support/shared-training-teardown.js",
};
