/*
 * graph in C: PageRank over a CSR graph (format.ts), the same update order
 * as node.ts (dangling mass, teleport, damping 0.85) so the doubles match
 * bit for bit (built with -ffp-contract=off).
 */
#include <stdlib.h>
#include <string.h>
#include "../../../wasm/c/abi.h"

#define HEADER_BYTES 12
#define DAMPING 0.85

int32_t workload_run(const uint8_t *in, int32_t len) {
  if (len < HEADER_BYTES) workload_fail("graph: input shorter than its header");
  uint64_t nodes = read_u32le(in), edges = read_u32le(in + 4), iterations = read_u32le(in + 8);
  if ((uint64_t)len != HEADER_BYTES + 4 * (nodes + 1 + edges)) workload_fail("graph: size does not match header");
  uint32_t *offsets = malloc(4 * (nodes + 1)), *targets = malloc(4 * (edges ? edges : 1));
  double *rank = malloc(8 * (nodes ? nodes : 1)), *next = malloc(8 * (nodes ? nodes : 1));
  if (!offsets || !targets || !rank || !next) workload_fail("graph: out of memory");
  for (uint64_t i = 0; i <= nodes; i++) offsets[i] = read_u32le(in + HEADER_BYTES + 4 * i);
  for (uint64_t e = 0; e < edges; e++) targets[e] = read_u32le(in + HEADER_BYTES + 4 * (nodes + 1 + e));
  if (offsets[0] != 0 || offsets[nodes] != edges) workload_fail("graph: offsets must run from 0 to the edge count");
  for (uint64_t u = 0; u < nodes; u++) if (offsets[u] > offsets[u + 1]) workload_fail("graph: offsets must not decrease");
  for (uint64_t e = 0; e < edges; e++) if (targets[e] >= nodes) workload_fail("graph: edge target out of range");
  for (uint64_t v = 0; v < nodes; v++) rank[v] = 1.0 / (double)nodes;
  double teleport = (1 - DAMPING) / (double)nodes;
  for (uint64_t it = 0; it < iterations; it++) {
    memset(next, 0, 8 * nodes);
    double dangling = 0;
    for (uint64_t u = 0; u < nodes; u++) {
      uint32_t start = offsets[u], end = offsets[u + 1];
      double r = rank[u];
      if (start == end) { dangling += r; continue; }
      double share = r / (double)(end - start);
      for (uint32_t e = start; e < end; e++) next[targets[e]] += share;
    }
    double base = teleport + (DAMPING * dangling) / (double)nodes;
    for (uint64_t v = 0; v < nodes; v++) next[v] = base + DAMPING * next[v];
    double *done = next; next = rank; rank = done;
  }
  uint8_t *out = output_alloc(8 * nodes);
  memcpy(out, rank, 8 * nodes);
  free(offsets); free(targets); free(rank); free(next);
  return (int32_t)(8 * nodes);
}
