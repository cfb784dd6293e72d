/**
 * The content benchmark's texts: 1,000 varied short texts (about 10-60 characters, benign form
 * values and attack payloads mixed, no two the same), made from fixed templates and the index, so
 * every run measures the same work. Not training data: the model never saw these exact strings.
 */

const TEMPLATES: readonly ((i: number) => string)[] = [
  (i) => `hello friend ${i}`,
  (i) => `Order #${10_000 + i} shipped`,
  (i) => `anna.${i}@example.com`,
  (i) => `${i} Main Street, Springfield`,
  (i) => `https://github.com/org/repo/issues/${i}`,
  (i) => `Please select your seat ${i % 40}A`,
  (i) => `I'll be there at ${(i % 12) + 1} pm`,
  (i) => `€${i},99 incl. VAT`,
  (i) => `Ms. O'Brien-${i}`,
  (i) => `{"id": ${i}, "ok": true}`,
  (i) => `1' or ${i}=${i}--`,
  (i) => `<img src=x onerror=alert(${i})>`,
  (i) => `; cat /etc/passwd #${i}`,
  (i) => `${"../".repeat((i % 6) + 1)}etc/passwd`,
  (i) => `click http://win${i}.biz now`,
  (i) => `東京 ${i} 番地`,
  (i) => `Привет, как дела? ${i}`,
  (i) => `x < y and y > ${i}`,
  (i) => `${i} union select null,null--`,
  (i) => `see https://docs.aws.amazon.com/s3/${i}`,
];

/** `count` short texts, cycling through the templates. */
export function benchTexts(count = 1000): string[] {
  return Array.from({ length: count }, (_, i) => TEMPLATES[i % TEMPLATES.length]!(i));
}
