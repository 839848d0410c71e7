/*
 * The Wasm side of abi.h: the exports the host's loader binds (memory,
 * inputBuffer, run, outputPtr). Memory comes from wasi-libc's malloc, which
 * grows linear memory itself; the module imports nothing from WASI because
 * nothing here prints, reads files or exits.
 */
#include <stdlib.h>
#include "abi.h"

static uint8_t *input_ptr = 0;
static size_t input_capacity = 0;
static uint8_t *output_ptr = 0;
static size_t output_capacity = 0;

__attribute__((export_name("inputBuffer"))) uint8_t *input_buffer(int32_t len) {
  if ((size_t)len > input_capacity) {
    free(input_ptr);
    input_capacity = len < 64 ? 64 : (size_t)len;
    input_ptr = malloc(input_capacity);
    if (!input_ptr) workload_fail("out of memory for the input");
  }
  return input_ptr;
}

uint8_t *output_alloc(size_t len) {
  // Reused across calls, as the AssemblyScript modules keep their output rooted until the next call.
  if (len > output_capacity || output_ptr == 0) {
    free(output_ptr);
    output_capacity = len < 64 ? 64 : len;
    output_ptr = malloc(output_capacity);
    if (!output_ptr) workload_fail("out of memory for the output");
  }
  return output_ptr;
}

__attribute__((export_name("outputPtr"))) uint8_t *output_pointer(void) { return output_ptr; }

__attribute__((export_name("run"))) int32_t run(const uint8_t *in, int32_t len) { return workload_run(in, len); }

_Noreturn void workload_fail(const char *why) {
  (void)why;
  __builtin_trap();
}
