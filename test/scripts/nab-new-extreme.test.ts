import { newExtremeScores } from "../../scripts/nab-new-extreme";

describe("new-extreme baseline (NAB yardstick)", () => {
  it("flags only values beyond the earlier range by more than the tolerance", () => {
    // range after the first two rows: [10, 20]; 1 % of it is 0.1
    const values = [10, 20, 15, 20.05, 20.2, 9.85, 9.8, 25];
    expect(Array.from(newExtremeScores(values, 0.01, 2))).toEqual([0, 0, 0, 0, 1, 1, 0, 1]);
  });

  it("builds the range silently during the warm-up", () => {
    expect(Array.from(newExtremeScores([1, 5, 9, 0], 0, 3))).toEqual([0, 0, 0, 1]);
  });
});
