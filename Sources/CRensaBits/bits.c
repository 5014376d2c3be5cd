#include "CRensaBits.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__)) && defined(__linux__)
#define RENSA_CLONES __attribute__((target_clones("avx512vpopcntdq", "arch=x86-64-v3", "default")))
#else
#define RENSA_CLONES
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

const char *rensa_bits_variant(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__)) && defined(__linux__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512vpopcntdq")) return "avx512vpopcntdq";
  if (__builtin_cpu_supports("avx2")) return "avx2";
#endif
  return "default";
}
