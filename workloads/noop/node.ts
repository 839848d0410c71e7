/** The identity handler: what a Node function costs when it does nothing. */
export function run(input: Uint8Array): Uint8Array {
  return input;
}
