/**
 * What a leaked credential looks like. Each pattern is written so that its own source text does
 * not match it, and each comes with a sample (assembled at run time, so that no file holds one)
 * proving that the pattern finds what it is meant to.
 */

/** One kind of secret. */
export interface SecretPattern {
  readonly name: string;
  readonly pattern: RegExp;
  /** A made-up secret of this kind, which the pattern must find. */
  readonly sample: string;
}

const repeat = (unit: string, times: number) => unit.repeat(times);

/** The secrets no tracked file may contain. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: "AWS access key id",
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/,
    sample: `${"AK"}IA${repeat("Q", 16)}`,
  },
  {
    name: "AWS secret access key in an assignment",
    pattern: /aws_?secret_?access_?key["'\s]*[:=]\s*["']?[A-Za-z0-9/+]{40}\b/i,
    sample: `aws_secret_access_key = ${repeat("wJalr", 8)}`,
  },
  {
    name: "private key block",
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/,
    sample: `-----BEGIN ${"RSA"} PRIVATE KEY-----`,
  },
  {
    name: "GitHub token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/,
    sample: `gh${"p"}_${repeat("a1", 18)}`,
  },
  { name: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/, sample: `np${"m"}_${repeat("b2", 18)}` },
  {
    name: "Slack token",
    pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
    sample: `xo${"x"}b-${repeat("1", 12)}`,
  },
  {
    name: "Google API key",
    pattern: /\bAIza[0-9A-Za-z_-]{35}\b/,
    sample: `AI${"za"}${repeat("c", 35)}`,
  },
  {
    name: "JSON web token",
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
    sample: `ey${"J"}hbGciOiJIUzI1NiJ9.ey${"J"}zdWIiOiIxMjM0In0.${repeat("d", 20)}`,
  },
  {
    name: "password or secret in an assignment",
    pattern: /\b(?:password|passwd|secret|api_?key)["']?\s*[:=]\s*["'][^"'\s]{8,}["']/i,
    sample: `pass${"word"} = "hunter2hunter2"`,
  },
];

/** The names of the patterns that `text` matches. */
export function secretsIn(text: string): string[] {
  return SECRET_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);
}
