#!/usr/bin/env node
/** The CDK app entry (cdk.json runs it with tsx): HeliosStack with cdk-nag checks. */
import { createHeliosApp } from "../lib/helios-app";
import { ManifestError } from "../lib/model-manifest";
import { SettingsError } from "../lib/settings/helios-settings";

try {
  createHeliosApp();
} catch (error) {
  // Settings and manifest problems are the user's to fix: print the message, not a stack trace.
  if (error instanceof SettingsError || error instanceof ManifestError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
