/**
 * float32 helpers. The ONNX graphs compute in float32, so parameters are stored rounded and the
 * references round every step the way the graph does.
 */

/** The largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The largest float32 that is not above `x` (so that, for float32 inputs v, v <= result iff v <= x). */
export function float32AtOrBelow(x: number): number {
  const rounded = Math.fround(x);
  if (rounded <= x) return rounded;
  // One float32 step down: adjust the bit pattern of the (positive or negative) value.
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, rounded);
  const bits = view.getUint32(0);
  if (rounded === 0) view.setUint32(0, 0x80000001);
  else view.setUint32(0, rounded > 0 ? bits - 1 : bits + 1);
  return view.getFloat32(0);
}
