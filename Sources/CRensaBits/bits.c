#include "CRensaBits.h"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
// ThreadSanitizer instruments the ifunc resolver that target_clones generates, and the
// resolver runs while the dynamic linker relocates, before the sanitizer's runtime is
// set up: the process crashes at start. Under TSan the portable versions are used.
#define RENSA_NO_CLONES 1
#endif
#endif

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__)) && defined(__linux__) && !defined(RENSA_NO_CLONES)
#define RENSA_CLONES __attribute__((target_clones("avx512vpopcntdq", "arch=x86-64-v3", "default")))
#else
#define RENSA_CLONES
#endif

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__)) && defined(__linux__) && !defined(RENSA_NO_CLONES)
// 64-bit vector multiplies (vpmullq) come with AVX-512DQ, part of x86-64-v4.
#define RENSA_MUL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define RENSA_MUL_CLONES
#endif

RENSA_CLONES
uint64_t rensa_popcount_words(const uint64_t *words, size_t count) {
  uint64_t a = 0, b = 0, c = 0, d = 0;
  size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    a += (uint64_t)__builtin_popcountll(words[i]);
    b += (uint64_t)__builtin_popcountll(words[i + 1]);
    c += (uint64_t)__builtin_popcountll(words[i + 2]);
    d += (uint64_t)__builtin_popcountll(words[i + 3]);
  }
  for (; i < count; i++) a += (uint64_t)__builtin_popcountll(words[i]);
  return a + b + c + d;
}

RENSA_CLONES
void rensa_or_words(uint64_t *restrict dst, const uint64_t *restrict src, size_t count) {
  for (size_t i = 0; i < count; i++) dst[i] |= src[i];
}

RENSA_CLONES
void rensa_binary_distance_row(const uint64_t *columns, size_t stride, size_t words, const uint32_t *counts,
                               size_t i, size_t j_begin, size_t j_end, int metric, double *out64, float *out32) {
  enum { BLOCK = 512 };
  uint64_t inter[BLOCK];
  double result[BLOCK];
  const double a = (double)counts[i];
  for (size_t block = j_begin; block < j_end; block += BLOCK) {
    const size_t m = (j_end - block < BLOCK) ? j_end - block : BLOCK;
    for (size_t k = 0; k < m; k++) inter[k] = 0;
    for (size_t w = 0; w < words; w++) {
      const uint64_t aw = columns[w * stride + i];
      if (aw == 0) continue;
      const uint64_t *col = columns + w * stride + block;
      for (size_t k = 0; k < m; k++) inter[k] += (uint64_t)__builtin_popcountll(col[k] & aw);
    }
    const uint32_t *cb = counts + block;
    switch (metric) {
    case 0:  // Jaccard: (union − shared) / union, an exact integer numerator as scipy.
      for (size_t k = 0; k < m; k++) {
        const double c = (double)inter[k];
        const double u = a + (double)cb[k] - c;
        result[k] = u > 0 ? (u - c) / u : 0.0;
      }
      break;
    case 1:  // Dice: (a + b − 2c) / (a + b).
      for (size_t k = 0; k < m; k++) {
        const double c = (double)inter[k];
        const double s = a + (double)cb[k];
        result[k] = s > 0 ? (s - 2.0 * c) / s : 0.0;
      }
      break;
    case 2:  // Overlap: 1 − c / min(a, b).
      for (size_t k = 0; k < m; k++) {
        const double c = (double)inter[k];
        const double b = (double)cb[k];
        const double low = a < b ? a : b;
        result[k] = low > 0 ? (low - c) / low : ((a + b) > 0 ? 1.0 : 0.0);
      }
      break;
    default:  // Cosine: 1 − c / √(ab).
      for (size_t k = 0; k < m; k++) {
        const double c = (double)inter[k];
        const double b = (double)cb[k];
        const double p = a * b;
        double d = p > 0 ? 1.0 - c / __builtin_sqrt(p) : ((a + b) > 0 ? 1.0 : 0.0);
        result[k] = d < 0 ? 0.0 : d;
      }
      break;
    }
    if (out64) {
      for (size_t k = 0; k < m; k++) out64[block - j_begin + k] = result[k];
    } else {
      for (size_t k = 0; k < m; k++) out32[block - j_begin + k] = (float)result[k];
    }
  }
}

static inline uint64_t rensa_mix(uint64_t x) {
  uint64_t z = x + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t rensa_mix64(uint64_t x) { return rensa_mix(x); }

RENSA_MUL_CLONES
void rensa_bernoulli_masks(uint64_t batch_key, const double *probability, const uint32_t *edge_id, uint64_t item_base,
                           size_t count, uint64_t *out) {
  enum { LANES = 8 };
  for (size_t i = 0; i < count; i += LANES) {
    const size_t lanes = count - i < LANES ? count - i : LANES;
    uint64_t digits[LANES], key[LANES], m[LANES];
    int first = 32;
    for (size_t l = 0; l < LANES; l++) {
      // Past the end, lanes repeat the last edge (their results are not stored).
      const uint32_t e = edge_id[i + (l < lanes ? l : lanes - 1)];
      const double q = probability[e];
      // q ≥ 1: always (2³², a digit no loop below reads); else ⌊q·2³²⌋.
      digits[l] = q >= 1 ? (1ull << 32) : (uint64_t)(q * 4294967296.0);
      key[l] = rensa_mix(batch_key ^ rensa_mix((item_base + e) * 0xD1B54A32D192ED03ull));
      m[l] = 0;
      const int tz = digits[l] == 0 ? 32 : __builtin_ctzll(digits[l]);
      if (tz < first) first = tz;
    }
    // Below a lane's lowest set digit its mask stays 0 (0 & r), so every lane can start
    // at the block's lowest set digit.
    for (int j = first; j < 32; j++) {
      for (size_t l = 0; l < LANES; l++) {
        const uint64_t r = rensa_mix(key[l] + (uint64_t)j * 0x94D049BB133111EBull);
        const uint64_t set = 0 - ((digits[l] >> j) & 1);
        m[l] = (m[l] & r) | (set & (m[l] | r));
      }
    }
    for (size_t l = 0; l < lanes; l++) out[i + l] = digits[l] >> 32 ? ~0ull : m[l];
  }
}

// One row's entries into 4 × 2 tiles; see the header. The candidate test of eight entries
// is one vector compare; the stores are four pairs a cache line apart.
#define RENSA_TILE_ROW(NAME, T)                                                                          \
  RENSA_MUL_CLONES                                                                                       \
  size_t NAME(const T *src, double *out, const double *column_worst, double row_worst, size_t from,      \
              size_t to) {                                                                               \
    size_t j = from;                                                                                     \
    if ((j & 1) && j < to) {                                                                             \
      const double v = (double)src[j];                                                                   \
      out[(j >> 1) * 8 + 1] = v;                                                                         \
      if (v < row_worst || v < column_worst[j]) return j;                                                \
      j++;                                                                                               \
    }                                                                                                    \
    for (; j + 8 <= to; j += 8) {                                                                        \
      double v[8];                                                                                       \
      int hit = 0;                                                                                       \
      for (int q = 0; q < 8; q++) {                                                                      \
        v[q] = (double)src[j + q];                                                                       \
        hit |= (v[q] < row_worst) | (v[q] < column_worst[j + q]);                                        \
      }                                                                                                  \
      double *line = out + (j >> 1) * 8;                                                                 \
      for (int q = 0; q < 4; q++) {                                                                      \
        line[q * 8] = v[2 * q];                                                                          \
        line[q * 8 + 1] = v[2 * q + 1];                                                                  \
      }                                                                                                  \
      if (hit) {                                                                                         \
        for (int q = 0; q < 8; q++)                                                                      \
          if (v[q] < row_worst || v[q] < column_worst[j + q]) return j + (size_t)q;                      \
      }                                                                                                  \
    }                                                                                                    \
    for (; j < to; j++) {                                                                                \
      const double v = (double)src[j];                                                                   \
      out[(j >> 1) * 8 + (j & 1)] = v;                                                                   \
      if (v < row_worst || v < column_worst[j]) return j;                                                \
    }                                                                                                    \
    return to;                                                                                           \
  }

RENSA_TILE_ROW(rensa_tile_row_f64, double)
RENSA_TILE_ROW(rensa_tile_row_f32, float)

const char *rensa_bits_variant(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__)) && defined(__linux__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512vpopcntdq")) return "avx512vpopcntdq";
  if (__builtin_cpu_supports("avx2")) return "avx2";
#endif
  return "default";
}

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
size_t rensa_heap_in_use(void) {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;  // small blocks and mmapped large ones
}
#else
size_t rensa_heap_in_use(void) { return 0; }
#endif
