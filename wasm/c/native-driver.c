/*
 * The native reference's timer: the same workload source as the Wasm build,
 * compiled by gcc, run on the same input the harness generated, timed here
 * with CLOCK_MONOTONIC (no Node in the loop: this is the physical limit the
 * Wasm builds are compared with). The harness verifies the output file
 * against the workload's expected digest, like every other target's.
 *
 * usage: native-driver <input> <output> <warmup> <samples> <calls-per-sample>
 * writes the first call's output to <output> and the last call's to <output>.last;
 * prints one JSON line: {"samplesNs":[...],"callsPerSample":n,"outputBytes":n}
 * Each sample is the time of calls-per-sample calls divided by that count;
 * calls-per-sample 0 lets the driver double it until a sample takes 1 ms.
 */
#define _DEFAULT_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "abi.h"

/* The shortest sample when the driver picks its own calls per sample (the warm core's floor too). */
#define MIN_SAMPLE_NS 1000000

static uint8_t *output_ptr = 0;
static size_t output_capacity = 0;

uint8_t *output_alloc(size_t len) {
  if (len > output_capacity || output_ptr == 0) {
    free(output_ptr);
    output_capacity = len < 64 ? 64 : len;
    output_ptr = malloc(output_capacity);
    if (!output_ptr) workload_fail("out of memory for the output");
  }
  return output_ptr;
}

_Noreturn void workload_fail(const char *why) {
  fprintf(stderr, "workload failed: %s\n", why);
  exit(70);
}

static uint8_t *read_file(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(66); }
  fseek(f, 0, SEEK_END);
  *len = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *bytes = malloc(*len > 0 ? (size_t)*len : 1);
  if (*len > 0 && fread(bytes, 1, (size_t)*len, f) != (size_t)*len) { perror(path); exit(66); }
  fclose(f);
  return bytes;
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s <input> <output> <warmup> <samples> <calls-per-sample>\n", argv[0]);
    return 64;
  }
  // A Wasm module's allocator keeps its linear memory: it never hands pages back
  // to the system. glibc would map and unmap every block over 128 KiB on every
  // call (fresh zero pages, faulted in again each time), measuring the kernel
  // instead of the code. Keep freed memory in the process, as Wasm does.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  long len;
  uint8_t *input = read_file(argv[1], &len);
  long warmup = atol(argv[3]), samples = atol(argv[4]), calls = atol(argv[5]);
  if (samples < 1 || calls < 0 || warmup < 0) { fprintf(stderr, "samples must be >= 1, calls >= 0\n"); return 64; }
  int32_t out_len = 0;
  for (long i = 0; i < warmup; i++) out_len = workload_run(input, (int32_t)len);
  // The first call's output is written too when there is no warm-up, so the check always sees a result.
  out_len = workload_run(input, (int32_t)len);
  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(output_ptr, 1, (size_t)out_len, out) != (size_t)out_len) { perror(argv[2]); return 73; }
  fclose(out);
  // calls-per-sample 0: as many calls as take at least MIN_SAMPLE_NS, so a sample is far above the clock's resolution.
  if (calls == 0) {
    calls = 1;
    for (;;) {
      int64_t start = now_ns();
      for (long c = 0; c < calls; c++) workload_run(input, (int32_t)len);
      if (now_ns() - start >= MIN_SAMPLE_NS || calls >= (1L << 24)) break;
      calls *= 2;
    }
  }
  printf("{\"samplesNs\":[");
  volatile int32_t sink = 0;
  for (long s = 0; s < samples; s++) {
    int64_t start = now_ns();
    for (long c = 0; c < calls; c++) sink += workload_run(input, (int32_t)len);
    int64_t elapsed = now_ns() - start;
    printf("%s%.3f", s ? "," : "", (double)elapsed / (double)calls);
  }
  // The last timed call's output is kept too (<output>.last): the harness verifies it as it verifies the first.
  char last_path[4096];
  snprintf(last_path, sizeof last_path, "%s.last", argv[2]);
  FILE *last = fopen(last_path, "wb");
  int32_t last_len = workload_run(input, (int32_t)len);
  if (!last || fwrite(output_ptr, 1, (size_t)last_len, last) != (size_t)last_len) { perror(last_path); return 73; }
  fclose(last);
  printf("],\"callsPerSample\":%ld,\"outputBytes\":%d}\n", calls, out_len);
  (void)sink;
  return 0;
}
