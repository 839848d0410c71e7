/*
 * wordcount in C: the 100 most frequent words of a UTF-8 text as
 * "word\tcount\n" lines, ties broken by UTF-16 code-unit order (what
 * node.ts's string comparison does). A word is a run of ASCII letters and
 * digits or any non-ASCII character; ASCII letters are folded to lower case.
 * Words are counted in an open-addressing hash table (FNV-1a).
 */
#include <stdlib.h>
#include <string.h>
#include "../../../wasm/c/abi.h"

#define TOP 100

typedef struct { const uint8_t *word; uint32_t len; uint32_t count; uint32_t hash; } Entry;

static int is_word_byte(uint8_t b) {
  return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}

/* The next UTF-16 code unit of a UTF-8 string at *i (*pending holds a low surrogate still to come). */
static uint32_t next_unit(const uint8_t *s, uint32_t len, uint32_t *i, uint32_t *pending) {
  if (*pending) { uint32_t u = *pending; *pending = 0; return u; }
  uint8_t b = s[*i];
  uint32_t cp, n;
  if (b < 0x80) { cp = b; n = 1; }
  else if (b < 0xE0) { cp = b & 0x1F; n = 2; }
  else if (b < 0xF0) { cp = b & 0x0F; n = 3; }
  else { cp = b & 0x07; n = 4; }
  for (uint32_t k = 1; k < n && *i + k < len; k++) cp = (cp << 6) | (s[*i + k] & 0x3F);
  *i += n;
  if (cp < 0x10000) return cp;
  cp -= 0x10000;
  *pending = 0xDC00 + (cp & 0x3FF);
  return 0xD800 + (cp >> 10);
}

static int compare_utf16(const Entry *a, const Entry *b) {
  uint32_t i = 0, j = 0, pa = 0, pb = 0;
  while ((i < a->len || pa) && (j < b->len || pb)) {
    uint32_t ua = next_unit(a->word, a->len, &i, &pa), ub = next_unit(b->word, b->len, &j, &pb);
    if (ua != ub) return ua < ub ? -1 : 1;
  }
  int a_left = i < a->len || pa, b_left = j < b->len || pb;
  return a_left - b_left;
}

static int by_rank(const void *x, const void *y) {
  const Entry *a = x, *b = y;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return compare_utf16(a, b);
}

int32_t workload_run(const uint8_t *in, int32_t len) {
  uint8_t *text = malloc(len > 0 ? (size_t)len : 1);
  if (!text) workload_fail("wordcount: out of memory");
  for (int32_t i = 0; i < len; i++) text[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (uint8_t)(in[i] + 32) : in[i];
  uint32_t capacity = 1024, used = 0;
  Entry *table = calloc(capacity, sizeof(Entry));
  if (!table) workload_fail("wordcount: out of memory");
  for (int32_t i = 0; i < len;) {
    if (!is_word_byte(text[i])) { i++; continue; }
    int32_t start = i;
    uint32_t hash = 2166136261u;
    while (i < len && is_word_byte(text[i])) { hash = (hash ^ text[i]) * 16777619u; i++; }
    uint32_t wlen = (uint32_t)(i - start);
    if (2 * (used + 1) > capacity) {
      Entry *old = table;
      uint32_t old_capacity = capacity;
      capacity *= 2;
      table = calloc(capacity, sizeof(Entry));
      if (!table) workload_fail("wordcount: out of memory");
      for (uint32_t k = 0; k < old_capacity; k++) {
        if (!old[k].word) continue;
        uint32_t slot = old[k].hash & (capacity - 1);
        while (table[slot].word) slot = (slot + 1) & (capacity - 1);
        table[slot] = old[k];
      }
      free(old);
    }
    uint32_t slot = hash & (capacity - 1);
    while (table[slot].word && !(table[slot].hash == hash && table[slot].len == wlen && memcmp(table[slot].word, text + start, wlen) == 0)) {
      slot = (slot + 1) & (capacity - 1);
    }
    if (table[slot].word) table[slot].count++;
    else { table[slot] = (Entry){ text + start, wlen, 1, hash }; used++; }
  }
  uint32_t n = 0;
  for (uint32_t k = 0; k < capacity; k++) if (table[k].word) table[n++] = table[k];
  qsort(table, n, sizeof(Entry), by_rank);
  uint32_t top = n < TOP ? n : TOP;
  size_t out_len = 0;
  for (uint32_t k = 0; k < top; k++) out_len += table[k].len + 12;
  uint8_t *out = output_alloc(out_len), *o = out;
  for (uint32_t k = 0; k < top; k++) {
    memcpy(o, table[k].word, table[k].len);
    o += table[k].len;
    *o++ = '\t';
    char digits[10];
    int d = 0;
    uint32_t c = table[k].count;
    do { digits[d++] = (char)('0' + c % 10); c /= 10; } while (c);
    while (d) *o++ = (uint8_t)digits[--d];
    *o++ = '\n';
  }
  free(table);
  free(text);
  return (int32_t)(o - out);
}
