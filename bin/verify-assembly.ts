#!/usr/bin/env node
import { smokeTestBundles } from "../lib/assembly/bundle-smoke";
/**
 * Checks a cloud assembly made by a full `cdk synth` (with bundling), as CI does after the tests:
 * every function's code plus layers within 60 MB unzipped, bundles that are index.js alone with
 * their external packages in their layers, and a run of every bundle against local S3 and SNS.
 * With a second assembly (synthesized from a copy whose dev dependencies and lock file differ),
 * it also checks that no function or layer would be redeployed because of them.
 * Usage: npx tsx bin/verify-assembly.ts <assembly dir> [<assembly dir to compare code hashes with>]
 */
import { functionPackages, readStackTemplate } from "../lib/assembly/cloud-assembly";
import { codeHashDifferences } from "../lib/assembly/code-hashes";
import { checkFunctionPackages } from "../lib/assembly/package-checks";
import { STACK_NAME } from "../lib/helios-app";

async function main(): Promise<number> {
  const [assemblyDir, comparedDir] = process.argv.slice(2);
  if (!assemblyDir) {
    console.error("usage: verify-assembly <assembly dir> [<assembly dir to compare code hashes with>]");
    return 2;
  }
  const template = readStackTemplate(assemblyDir, STACK_NAME);
  const packages = checkFunctionPackages(functionPackages(assemblyDir, template));
  console.log("Function packages (unzipped, code + layers):");
  for (const line of packages.lines) console.log(`  ${line}`);
  const smoke = await smokeTestBundles(assemblyDir, template);
  console.log("Bundles run against local S3 and SNS:");
  for (const line of smoke.lines) console.log(`  ${line}`);
  const problems = [...packages.problems, ...smoke.problems];
  if (comparedDir) {
    const differences = codeHashDifferences(template, readStackTemplate(comparedDir, STACK_NAME));
    console.log(
      `Code hashes against ${comparedDir}: ${differences.length === 0 ? "identical" : "different"}`,
    );
    problems.push(...differences.map((d) => `code would be redeployed: ${d}`));
  }
  for (const problem of problems) console.error(`FAIL ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
