// Word kernels over 64-bit bit-set rows. Each function is compiled for several
// instruction-set levels (AVX-512 VPOPCNTDQ or x86-64-v4, AVX2, baseline x86-64) and the
// dynamic loader picks the best one for the running CPU, so the package needs
// no unsafe compiler flags.
#ifndef RENSA_BITS_H
#define RENSA_BITS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Number of set bits in words[0..<count].
uint64_t rensa_popcount_words(const uint64_t *words, size_t count);

/// dst[i] |= src[i] for i in 0..<count.
void rensa_or_words(uint64_t *restrict dst, const uint64_t *restrict src, size_t count);

/// Hints the processor to fetch the cache line holding `address` (no effect on results).
static inline void rensa_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
/// Prefetches the cache line holding `address` for writing.
static inline void rensa_prefetch_write(void *address) { __builtin_prefetch(address, 1, 3); }

/// Binary distances from row `i` to rows `j_begin ..< j_end` of a bit matrix stored
/// word-major: word `w` of row `r` is `columns[w * stride + r]`. `counts[r]` is the
/// number of set bits of row `r`. With a = counts[i], b = counts[j] and c the bits
/// they share, `metric` selects
///   0 Jaccard (u − c)/u with u = a + b − c (the union),
///   1 Dice (a + b − 2c)/(a + b),
///   2 overlap 1 − c/min(a, b),
///   3 cosine 1 − c/√(ab);
/// two empty rows are at distance 0, an empty and a non-empty row at distance 1.
/// Results go to `out64[j − j_begin]` (if not NULL) or `out32[j − j_begin]`.
void rensa_binary_distance_row(const uint64_t *columns, size_t stride, size_t words, const uint32_t *counts,
                               size_t i, size_t j_begin, size_t j_end, int metric, double *out64, float *out32);

/// SplitMix64's finaliser (as `CascadeMonteCarlo.mix`), exported for tests.
uint64_t rensa_mix64(uint64_t x);

/// Bernoulli masks of `count` edges for one batch of 64 trials, exactly as
/// `CascadeMonteCarlo.mask`: for i in 0..<count, with e = edge_id[i] and
/// q = probability[e] (in [0, 1]), out[i] holds 64 independent Bernoulli(q) bits (q to 32
/// binary digits) hashed from `batch_key` = seed ^ mix(batch + 0x9E3779B97F4A7C15) and the
/// item `item_base + e`. Eight edges at a time (vector multiplies where the CPU has them).
void rensa_bernoulli_masks(uint64_t batch_key, const double *probability, const uint32_t *edge_id, uint64_t item_base,
                           size_t count, uint64_t *out);

/// One row of distances into the nearest-neighbour chain's 4 × 2 tiles, up to the next
/// candidate for a neighbour list: for j = from, from + 1, …, stores src[j] (widened to
/// double) at out[(j >> 1) * 8 + (j & 1)] (`out` at the row's first tile, column pair 0)
/// and stops at the first j with src[j] < row_worst or src[j] < column_worst[j]
/// (comparisons false for NaN), returning that j after storing it; returns `to` when no
/// entry is a candidate. Entries after a returned j may be stored already (the caller
/// resumes at j + 1 and stores them again).
size_t rensa_tile_row_f64(const double *src, double *out, const double *column_worst, double row_worst, size_t from,
                          size_t to);
/// `rensa_tile_row_f64` for single-precision distances.
size_t rensa_tile_row_f32(const float *src, double *out, const double *column_worst, double row_worst, size_t from,
                          size_t to);

/// Name of the variant the loader picked ("avx512vpopcntdq", "avx2" or "default").
const char *rensa_bits_variant(void);

/// Bytes in use on the heap (glibc's mallinfo2; 0 elsewhere): for the model-size figures.
size_t rensa_heap_in_use(void);

#ifdef __cplusplus
}
#endif

#endif
