/**
 * What the runtime must do to a text before feeding it to the content model.
 *
 * onnxruntime-node passes string tensors to the graph as C strings, so everything after a
 * U+0000 would be invisible to the model ("hi\u0000click http://spam.com" would pass). U+0000
 * is not a word character, so turning it into a space changes nothing else: the tokens are the
 * ones scikit-learn would find in the original text.
 */

/** The text to feed to the content model for a request text. */
export function toModelText(text: string): string {
  return text.replaceAll("\u0000", " ");
}
