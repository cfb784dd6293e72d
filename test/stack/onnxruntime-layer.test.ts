/** The onnxruntime layer holds one Linux architecture's binaries and the JavaScript, nothing else. */
import { Architecture } from "aws-cdk-lib/aws-lambda";
import {
  nodeArchOf,
  ONNXRUNTIME_PACKAGES,
  onnxRuntimeLayerFiles,
} from "../../lib/constructs/onnxruntime-layer";

const MB = 1024 * 1024;

describe("onnxRuntimeLayerFiles", () => {
  it.each([
    [Architecture.X86_64, "x64"],
    [Architecture.ARM_64, "arm64"],
  ])(
    "for %s: only linux/%s native files, both packages, no type declarations or source maps",
    (architecture, arch) => {
      const files = onnxRuntimeLayerFiles(architecture);
      const targets = files.map((f) => f.target);
      const native = targets.filter((t) => t.includes("/bin/"));
      expect(native.sort()).toEqual([
        `nodejs/node_modules/onnxruntime-node/bin/napi-v6/linux/${arch}/libonnxruntime.so.1`,
        `nodejs/node_modules/onnxruntime-node/bin/napi-v6/linux/${arch}/onnxruntime_binding.node`,
      ]);
      for (const pkg of ONNXRUNTIME_PACKAGES) {
        expect(targets).toContain(`nodejs/node_modules/${pkg}/package.json`);
      }
      expect(targets).toContain("nodejs/node_modules/onnxruntime-node/dist/index.js");
      expect(targets).toContain("nodejs/node_modules/onnxruntime-common/dist/cjs/index.js");
      expect(targets).toContain("nodejs/node_modules/onnxruntime-common/dist/cjs/package.json");
      expect(targets.filter((t) => t.endsWith(".d.ts") || t.endsWith(".map"))).toEqual([]);
      expect(targets.every((t) => t.startsWith("nodejs/node_modules/"))).toBe(true);
    },
  );

  it("keeps the x86_64 layer well under the 60 MB budget (the full package is 288 MB)", () => {
    const bytes = onnxRuntimeLayerFiles(Architecture.X86_64).reduce((sum, f) => sum + f.bytes, 0);
    expect(bytes).toBeGreaterThan(40 * MB); // the native library really is in it
    expect(bytes).toBeLessThan(50 * MB);
  });

  it("maps Lambda architectures to Node's names", () => {
    expect(nodeArchOf(Architecture.X86_64)).toBe("x64");
    expect(nodeArchOf(Architecture.ARM_64)).toBe("arm64");
    expect(() => nodeArchOf(Architecture.custom("riscv64"))).toThrow(/no onnxruntime-node binaries/);
  });
});
