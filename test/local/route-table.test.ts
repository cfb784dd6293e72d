import { matchRoute, type Route } from "../../lambdas/local/route-table";

const routes: Route<string>[] = [
  { method: "GET", path: "/", target: "status" },
  { method: "POST", path: "/predict/cpu", target: "cpu" },
  { method: "PUT", path: "/predict/cpu", target: "cpu-put" },
];

describe("route matching", () => {
  it("finds a route by exact method and path", () => {
    const match = matchRoute(routes, "POST", "/predict/cpu");
    expect(match.kind === "found" && match.route.target).toBe("cpu");
  });

  it("answers not-found for an unknown path, including near misses", () => {
    for (const path of ["/predict/gpu", "/predict/cpu/", "/predict", "/PREDICT/cpu", ""]) {
      expect(matchRoute(routes, "POST", path).kind).toBe("not-found");
    }
  });

  it("answers method-not-allowed with the sorted methods the path accepts", () => {
    expect(matchRoute(routes, "GET", "/predict/cpu")).toEqual({
      kind: "method-not-allowed",
      allow: ["POST", "PUT"],
    });
    expect(matchRoute(routes, "DELETE", "/")).toEqual({ kind: "method-not-allowed", allow: ["GET"] });
  });
});
