import { inputBytes, setOutputBytes } from '../../../wasm/assembly/abi';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

/** Identity: copies the input into a managed buffer and publishes it as the output. */
export function run(ptr: usize, len: i32): i32 {
  return setOutputBytes(inputBytes(ptr, len));
}
