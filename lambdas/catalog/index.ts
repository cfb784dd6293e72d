/** The detector catalog and what is derived from it; safe to import anywhere (no ORT, no AWS SDK). */
export * from "./detectors";
export * from "./request-schema";
