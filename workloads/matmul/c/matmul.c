/*
 * matmul in C: C = A x B on little-endian f64 matrices (format.ts), the same
 * i-p-j loop order and accumulation order as node.ts, so the doubles come out
 * bit for bit equal (built with -ffp-contract=off: no fused multiply-add).
 */
#include <string.h>
#include "../../../wasm/c/abi.h"

#define HEADER_BYTES 16
#define MAX_OUTPUT_BYTES ((1u << 30) - 64)

int32_t workload_run(const uint8_t *in, int32_t len) {
  if (len < HEADER_BYTES) workload_fail("matmul: input shorter than its header");
  uint64_t rows = read_u32le(in), inner = read_u32le(in + 4), cols = read_u32le(in + 8);
  if ((uint64_t)len != HEADER_BYTES + 8 * (rows * inner + inner * cols)) workload_fail("matmul: size does not match header");
  if (8 * rows * cols > MAX_OUTPUT_BYTES) workload_fail("matmul: result too large");
  // The input region is only byte-aligned in general: copy A and B out rather than casting.
  const uint8_t *a_bytes = in + HEADER_BYTES, *b_bytes = a_bytes + 8 * rows * inner;
  double *c = (double *)output_alloc(8 * rows * cols);
  memset(c, 0, 8 * rows * cols);
  for (uint64_t i = 0; i < rows; i++) {
    double *c_row = c + i * cols;
    for (uint64_t p = 0; p < inner; p++) {
      double aip;
      memcpy(&aip, a_bytes + 8 * (i * inner + p), 8);
      const uint8_t *b_row = b_bytes + 8 * p * cols;
      for (uint64_t j = 0; j < cols; j++) {
        double bpj;
        memcpy(&bpj, b_row + 8 * j, 8);
        c_row[j] += aip * bpj;
      }
    }
  }
  return (int32_t)(8 * rows * cols);
}
