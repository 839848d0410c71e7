/*
 * image in C: RGBA -> gray (BT.601 weights), 3x3 box blur with clamped
 * edges, 2x downscale by averaging, the same integer arithmetic as node.ts.
 */
#include <stdlib.h>
#include "../../../wasm/c/abi.h"

#define HEADER_BYTES 8

int32_t workload_run(const uint8_t *in, int32_t len) {
  if (len < HEADER_BYTES) workload_fail("image: buffer shorter than its header");
  uint64_t width = read_u32le(in), height = read_u32le(in + 4), pixels = width * height;
  if ((uint64_t)len != HEADER_BYTES + pixels * 4) workload_fail("image: expected width x height RGBA pixels");
  if (pixels == 0) {
    uint8_t *out = output_alloc(HEADER_BYTES);
    write_u32le(out, 0);
    write_u32le(out + 4, 0);
    return HEADER_BYTES;
  }
  uint8_t *gray = malloc(pixels), *blurred = malloc(pixels);
  uint16_t *rows = malloc(2 * pixels);
  if (!gray || !blurred || !rows) workload_fail("image: out of memory");
  const uint8_t *s = in + HEADER_BYTES;
  for (uint64_t p = 0; p < pixels; p++, s += 4) gray[p] = (uint8_t)((77 * s[0] + 150 * s[1] + 29 * s[2] + 128) >> 8);
  for (uint64_t y = 0; y < height; y++) {
    uint64_t row = y * width;
    if (width == 1) { rows[row] = (uint16_t)(3 * gray[row]); continue; }
    rows[row] = (uint16_t)(2 * gray[row] + gray[row + 1]);
    for (uint64_t i = row + 1, end = row + width - 1; i < end; i++) rows[i] = (uint16_t)(gray[i - 1] + gray[i] + gray[i + 1]);
    rows[row + width - 1] = (uint16_t)(gray[row + width - 2] + 2 * gray[row + width - 1]);
  }
  for (uint64_t y = 0; y < height; y++) {
    uint64_t mid = y * width, up = y > 0 ? mid - width : mid, down = y < height - 1 ? mid + width : mid;
    for (uint64_t x = 0; x < width; x++) blurred[mid + x] = (uint8_t)((rows[up + x] + rows[mid + x] + rows[down + x] + 4) / 9);
  }
  uint64_t out_width = (width + 1) >> 1, out_height = (height + 1) >> 1;
  uint8_t *out = output_alloc(HEADER_BYTES + out_width * out_height);
  write_u32le(out, (uint32_t)out_width);
  write_u32le(out + 4, (uint32_t)out_height);
  uint8_t *o = out + HEADER_BYTES;
  for (uint64_t oy = 0; oy < out_height; oy++) {
    uint64_t top = 2 * oy * width, bottom = 2 * oy + 1 < height ? top + width : top;
    for (uint64_t ox = 0; ox < out_width; ox++) {
      uint64_t left = 2 * ox, right = left + 1 < width ? left + 1 : left;
      *o++ = (uint8_t)((blurred[top + left] + blurred[top + right] + blurred[bottom + left] + blurred[bottom + right] + 2) >> 2);
    }
  }
  free(gray);
  free(blurred);
  free(rows);
  return (int32_t)(HEADER_BYTES + out_width * out_height);
}
