/**
 * The checks CI runs on a synthesized assembly, on small hand-made assemblies: zip sizes, the
 * externals of a bundle, the per-function size budget and bundle contents, code-hash comparison
 * and the environment stand-ins of the smoke run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { ENV } from "../../lambdas/runtime/environment-names";
import { externalPackages, packageNameOf } from "../../lib/assembly/bundle-requires";
import { resolveEnvironment } from "../../lib/assembly/bundle-smoke";
import { functionPackages, type StackTemplate, unzippedBytes } from "../../lib/assembly/cloud-assembly";
import { codeHashDifferences } from "../../lib/assembly/code-hashes";
import {
  CLOUDWATCH_CLIENT_MARKER,
  checkFunctionPackages,
  formatBytes,
} from "../../lib/assembly/package-checks";
import { zipUncompressedBytes } from "../../lib/assembly/zip-size";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "helios-assembly-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A zip of deflated entries, built by hand (CRCs are not checked by the size reader). */
function zipOf(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

describe("zipUncompressedBytes", () => {
  it("sums the uncompressed sizes, not the zip's own size", () => {
    const file = join(dir, "layer.zip");
    writeFileSync(file, zipOf({ "a.txt": Buffer.alloc(100_000, 1), "b/c.txt": Buffer.alloc(2_345, 7) }));
    expect(zipUncompressedBytes(file)).toBe(102_345);
    expect(unzippedBytes(file)).toBe(102_345);
  });

  it("refuses a file that is not a zip", () => {
    const file = join(dir, "not.zip");
    writeFileSync(file, "hello, this is not a zip archive at all");
    expect(() => zipUncompressedBytes(file)).toThrow(/not a zip file/);
  });
});

describe("externalPackages", () => {
  it("finds the packages a bundle loads, ignoring builtins, relative files and names inside strings", () => {
    const file = join(dir, "index.js");
    writeFileSync(
      file,
      [
        'const ort = require("onnxruntime-node");',
        'const fs = require("node:fs"); const path = require("path");',
        'const sub = require("@scope/pkg/deep/file.js");',
        'const local = require("./local.js");',
        'const message = "please require(\\"@aws-sdk/signature-v4-crt\\") first";',
        'async function later() { return import("late-pkg"); }',
      ].join("\n"),
    );
    writeFileSync(join(dir, "local.js"), "module.exports = 1;");
    expect(externalPackages(file)).toEqual(["@scope/pkg", "late-pkg", "onnxruntime-node"]);
  });

  it("names packages from specifiers", () => {
    expect(packageNameOf("@aws-sdk/client-s3/dist")).toBe("@aws-sdk/client-s3");
    expect(packageNameOf("onnxruntime-node")).toBe("onnxruntime-node");
    expect(packageNameOf("lodash/fp")).toBe("lodash");
  });
});

/** A template with one Node.js function and one layer, and their asset folders. */
function assembly(
  bundle: Record<string, string>,
  layerPackages: Record<string, number>,
  environment: Record<string, string> = { A: "1" },
): StackTemplate {
  mkdirSync(join(dir, "asset.code"));
  for (const [name, content] of Object.entries(bundle)) writeFileSync(join(dir, "asset.code", name), content);
  for (const [pkg, bytes] of Object.entries(layerPackages)) {
    const root = join(dir, "asset.layer", "nodejs", "node_modules", pkg);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package.json"), "{}");
    writeFileSync(join(root, "blob.bin"), Buffer.alloc(bytes));
  }
  return {
    Resources: {
      Fn: {
        Type: "AWS::Lambda::Function",
        Properties: {
          Runtime: "nodejs24.x",
          Handler: "index.handler",
          Layers: [{ Ref: "Layer" }],
          Environment: { Variables: environment },
          Code: { S3Key: "code.zip" },
        },
        Metadata: { "aws:asset:path": "asset.code", "aws:cdk:path": "Stack/Fn/Resource" },
      },
      Layer: {
        Type: "AWS::Lambda::LayerVersion",
        Properties: { Content: { S3Key: "layer.zip" } },
        Metadata: { "aws:asset:path": "asset.layer" },
      },
    },
  };
}

describe("checkFunctionPackages", () => {
  it("passes a bundle whose externals its layer provides, within budget, and reports its size", () => {
    const template = assembly({ "index.js": 'require("dep"); exports.handler = 1;' }, { dep: 1000 });
    const [fn] = functionPackages(dir, template);
    expect(fn!.environment).toEqual({ A: "1" });
    expect(fn!.totalBytes).toBe(fn!.code.unzippedBytes + fn!.layers[0]!.unzippedBytes);
    const report = checkFunctionPackages([fn!]);
    expect(report.problems).toEqual([]);
    expect(report.lines[0]).toMatch(/^Stack\/Fn\/Resource: 2 KB .*loads from layers: dep$/);
  });

  it("fails a function over the budget with its layers", () => {
    const template = assembly({ "index.js": "exports.handler = 1;" }, { dep: 5000 });
    const report = checkFunctionPackages(functionPackages(dir, template), 4000);
    expect(report.problems).toEqual([
      expect.stringMatching(/Stack\/Fn\/Resource: 5 KB unzipped with its layers, over the 4 KB budget/),
    ]);
  });

  it("fails a bundle that ships a lock file or loads a package no layer provides", () => {
    const template = assembly({ "index.js": 'require("missing");', "package-lock.json": "{}" }, { dep: 10 });
    const report = checkFunctionPackages(functionPackages(dir, template));
    expect(report.problems).toEqual([
      "Stack/Fn/Resource: the bundle holds more than index.js: package-lock.json",
      'Stack/Fn/Resource: loads "missing" at runtime, but none of its layers provides it',
    ]);
  });

  it("fails a bundle configured for EMF metrics that carries the CloudWatch client", () => {
    const withClient = `exports.handler = 1; const target = "${CLOUDWATCH_CLIENT_MARKER}.PutMetricData";`;
    const emf = checkFunctionPackages(
      functionPackages(dir, assembly({ "index.js": withClient }, { dep: 10 }, { [ENV.metrics]: "emf" })),
    );
    expect(emf.problems).toEqual([
      "Stack/Fn/Resource: writes EMF metrics but its bundle carries the CloudWatch client",
    ]);
  });

  it("lets a bundle configured for PutMetricData carry the client", () => {
    const withClient = `exports.handler = 1; const target = "${CLOUDWATCH_CLIENT_MARKER}.PutMetricData";`;
    const template = assembly({ "index.js": withClient }, { dep: 10 }, { [ENV.metrics]: "cloudwatch" });
    expect(checkFunctionPackages(functionPackages(dir, template)).problems).toEqual([]);
  });

  it("formats sizes", () => {
    expect(formatBytes(1536)).toBe("2 KB");
    expect(formatBytes(60 * 1024 * 1024)).toBe("60.0 MB");
  });
});

describe("codeHashDifferences", () => {
  it("lists functions and layers whose code key changed, appeared or disappeared", () => {
    const before = assembly({ "index.js": "" }, {});
    const same = JSON.parse(JSON.stringify(before)) as StackTemplate;
    expect(codeHashDifferences(before, same)).toEqual([]);
    const changed = JSON.parse(JSON.stringify(before)) as {
      Resources: Record<string, { Properties: { Code?: unknown } }>;
    };
    changed.Resources.Fn!.Properties.Code = { S3Key: "other.zip" };
    delete changed.Resources.Layer;
    expect(codeHashDifferences(before, changed as unknown as StackTemplate)).toEqual([
      "Fn: code.zip -> other.zip",
      "Layer: layer.zip -> (absent)",
    ]);
  });
});

describe("resolveEnvironment", () => {
  it("replaces references to the bucket and topic and keeps plain values", () => {
    expect(
      resolveEnvironment(
        { A: "x", B: { Ref: "Bucket" }, C: { Ref: "Topic" } },
        { Bucket: "b", Topic: "arn:t" },
      ),
    ).toEqual({ A: "x", B: "b", C: "arn:t" });
  });

  it("refuses a reference it has no stand-in for", () => {
    expect(() => resolveEnvironment({ X: { "Fn::GetAtt": ["Thing", "Arn"] } }, {})).toThrow(
      /X: cannot stand in/,
    );
  });
});
