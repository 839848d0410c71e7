/*
 * The calling convention every C workload shares with the host, the same
 * one the AssemblyScript modules export (wasm/assembly/abi.ts, read by
 * wasm/loader.ts): the host asks for an input region with inputBuffer(len),
 * writes the input there, calls run(ptr, len) and copies outputPtr()..+len
 * out. A workload implements workload_run() and publishes its result with
 * output_alloc(); the wasm build (abi.c) and the native driver
 * (native-driver.c) supply the rest, so one workload source serves both.
 */
#ifndef WLB_ABI_H
#define WLB_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Runs the workload on len bytes at in; returns the output length (output_alloc() holds the bytes). */
int32_t workload_run(const uint8_t *in, int32_t len);

/* A buffer of len bytes for this call's output, valid until the next call. */
uint8_t *output_alloc(size_t len);

/* Stops the call: a trap in Wasm (the host sees a RuntimeError), exit 70 natively. */
_Noreturn void workload_fail(const char *why);

/* Little-endian reads and writes of the binary formats (every Lambda architecture is little-endian). */
static inline uint32_t read_u32le(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline void write_u32le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

#endif
