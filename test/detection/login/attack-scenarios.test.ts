/**
 * The scenarios, end to end through the login core with the committed model and the local
 * file store: every attack flagged with reasons a person understands, no routine sign-in flagged
 * after the week of history, and nobody flagged for being new.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type LoginEventsModel,
  type SignInVerdict,
  scoreSignIns,
} from "../../../lambdas/detection/login/score-sign-ins";
import { checkSignInEvents } from "../../../lambdas/detection/login/sign-in-event";
import { FileStateStore } from "../../../lambdas/state/file-state-store";
import { openLoginEventsModel } from "../../support/login-events-model";
import { AFTER_WEEK, loginScenarioSuite } from "../../support/login-scenarios";

let model: LoginEventsModel;
const folder = mkdtempSync(join(tmpdir(), "helios-scenarios-"));
const suite = loginScenarioSuite();
let verdicts: SignInVerdict[];

beforeAll(async () => {
  model = await openLoginEventsModel();
  const store = new FileStateStore(join(folder, "state.json"));
  verdicts = [];
  // Requests of 40 events, as a client replaying its log would send them.
  for (let start = 0; start < suite.length; start += 40) {
    const checked = checkSignInEvents(
      suite.slice(start, start + 40).map((s) => s.event),
      1000,
    );
    if (!checked.ok) throw new Error(checked.problem);
    verdicts.push(...(await scoreSignIns(checked.value, model, { store })));
  }
});

afterAll(async () => {
  await model.session.release();
  rmSync(folder, { recursive: true, force: true });
});

const verdictsOf = (scenario: string) => verdicts.filter((_, i) => suite[i]!.scenario === scenario);

describe("attack scenarios", () => {
  it.each([
    ["burst", "10 failures"],
    ["stuffing", "one address trying"],
    ["success after a burst", "success right after 6 failures"],
    ["new network at an unusual hour", "unusual hour for this user (03:00 UTC)"],
    ["MFA dropped", "no MFA, though this user always used it"],
    ["unknown names from one address", "failures from this address"],
    ["password spraying", "one address failing for"],
  ])("%s is flagged, with the reason %j", (scenario, reason) => {
    const flagged = verdictsOf(scenario).filter((v) => v.anomaly === 1);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.flatMap((v) => v.reasons).some((r) => r.includes(reason))).toBe(true);
    for (const v of flagged) expect(v.probability).toBeGreaterThan(0.5);
  });
});

describe("routine users", () => {
  it("are not flagged after their week of history", () => {
    const after = verdicts.filter(
      (v, i) => suite[i]!.scenario === "routine" && Date.parse(v.time) >= Date.parse(AFTER_WEEK),
    );
    expect(after.length).toBeGreaterThan(30);
    expect(after.filter((v) => v.anomaly === 1)).toEqual([]);
  });

  it("are not flagged for being new during their first week either", () => {
    const week = verdicts.filter(
      (v, i) => suite[i]!.scenario === "routine" && Date.parse(v.time) < Date.parse(AFTER_WEEK),
    );
    expect(week.filter((v) => v.anomaly === 1)).toEqual([]);
  });
});
