// Test-only entry (never built into the measured module): parses JSON with
// json.ts and writes the whole tree back with writer.ts, so the workload test
// can compare the parser and the writer with JSON.parse + JSON.stringify on
// any document, not only the shapes the transform reads.
//
// Numbers: safe integers are written as integers; every other number as
// {"f64":"<16 hex digits of its bits>"}, so the test checks parsed values bit
// for bit without depending on how AssemblyScript formats doubles.
import { setOutputBuffer } from '../../../wasm/assembly/abi';
import { JsonArray, JsonKind, JsonNumber, JsonObject, JsonString, JsonValue, parseJson } from './json';
import { JsonWriter } from './writer';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

/** Parses the JSON at `ptr` and publishes it re-serialized. */
export function run(ptr: usize, len: i32): i32 {
  const out = new JsonWriter();
  write(out, parseJson(ptr, <usize>len));
  return setOutputBuffer(out.finish());
}

function write(out: JsonWriter, value: JsonValue): void {
  switch (value.kind) {
    case JsonKind.Null:
      out.raw('null');
      break;
    case JsonKind.True:
      out.raw('true');
      break;
    case JsonKind.False:
      out.raw('false');
      break;
    case JsonKind.Number: {
      const x = changetype<JsonNumber>(value).value;
      if (x == Math.trunc(x) && Math.abs(x) <= 9007199254740991) {
        out.integer(<i64>x);
      } else {
        out.raw('{"f64":"');
        const bits = reinterpret<u64>(x);
        for (let shift = 60; shift >= 0; shift -= 4) out.raw('0123456789abcdef'.charAt(<i32>((bits >> shift) & 0xf)));
        out.raw('"}');
      }
      break;
    }
    case JsonKind.String:
      out.string(changetype<JsonString>(value).value);
      break;
    case JsonKind.Array: {
      const items = changetype<JsonArray>(value).items;
      out.raw('[');
      for (let i = 0; i < items.length; i++) {
        if (i > 0) out.raw(',');
        write(out, items[i]);
      }
      out.raw(']');
      break;
    }
    default: {
      const object = changetype<JsonObject>(value);
      out.raw('{');
      for (let i = 0; i < object.keys.length; i++) {
        if (i > 0) out.raw(',');
        out.string(object.keys[i]);
        out.raw(':');
        write(out, object.values[i]);
      }
      out.raw('}');
    }
  }
}
