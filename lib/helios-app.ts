/**
 * Builds the Helios CDK app: reads the settings from context, adds HeliosStack, and registers
 * cdk-nag's AWS Solutions checks, which run on every synth and fail it on any unacknowledged
 * finding. bin/helios.ts and the stack tests both build the app here, so they test one thing.
 */
import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { HeliosStack } from "./helios-stack";
import { BASE_NAMES, physicalName } from "./physical-names";
import { readSettings } from "./settings/helios-settings";

/**
 * Construct id of the one stack, which names its files in the cloud assembly. Its CloudFormation
 * stack name is this with the `namePrefix` setting in front.
 */
export const STACK_NAME = BASE_NAMES.stack;

/** Options for building the app. */
export interface HeliosAppOptions extends AppProps {
  /** Folder with manifest.json and the .onnx files. @default the repository's models/ */
  readonly modelsDir?: string;
}

/** The Helios app and its stack. Throws SettingsError for unusable context settings. */
export function createHeliosApp(options: HeliosAppOptions = {}): { app: App; stack: HeliosStack } {
  const { modelsDir, ...appProps } = options;
  const app = new App(appProps);
  const settings = readSettings(app.node.getAllContext());
  // No env: the stack is environment-agnostic (no lookups), so synth needs no AWS credentials.
  const stack = new HeliosStack(app, STACK_NAME, {
    settings,
    stackName: physicalName(settings.namePrefix, "stack", BASE_NAMES.stack),
    ...(modelsDir ? { modelsDir } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
