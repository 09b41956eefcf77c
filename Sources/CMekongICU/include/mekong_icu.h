// Plain-C face of the ICU calls Mekong needs. ICU's own headers stay inside
// this target: importing them into Swift clashes with Foundation's ICU copy.
// Status codes are ICU's UErrorCode values passed as int32_t (<= 0: success).
#ifndef MEKONG_ICU_H
#define MEKONG_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Name of an ICU status code ("U_BUFFER_OVERFLOW_ERROR", ...).
const char *mk_status_name(int32_t status);
/// ICU's version, e.g. "72.1".
const char *mk_icu_version(void);

/// 1 when the code point is sentence-terminal punctuation for UAX #29
/// (Sentence_Break STerm or ATerm), else 0.
int32_t mk_is_sentence_terminal(int32_t code_point);

// MARK: Normalization with edits

typedef struct mk_normalizer mk_normalizer;
/// form: 0 = NFC, 1 = NFKC, 2 = NFKC_Casefold. The instance is shared and thread-safe.
const mk_normalizer *mk_normalizer_get(int32_t form, int32_t *status);
/// 1 when `src` is already normalized (fast path, no allocation).
int32_t mk_normalizer_is_normalized_utf8(const mk_normalizer *n, const char *src, int32_t length, int32_t *status);

/// The result of a normalization: UTF-8 bytes plus coarse edit runs.
typedef struct mk_normalized mk_normalized;
/// One edit run: `old_length` source bytes became `new_length` output bytes;
/// `changed` is 0 when the bytes were copied unchanged.
typedef struct {
    int32_t old_length;
    int32_t new_length;
    int32_t changed;
} mk_edit_run;

mk_normalized *mk_normalize_utf8(const mk_normalizer *n, const char *src, int32_t length, int32_t *status);
const char *mk_normalized_bytes(const mk_normalized *r);
int32_t mk_normalized_length(const mk_normalized *r);
const mk_edit_run *mk_normalized_runs(const mk_normalized *r);
int32_t mk_normalized_run_count(const mk_normalized *r);
void mk_normalized_free(mk_normalized *r);

// MARK: Break iteration over UTF-8 (indices are UTF-8 byte offsets)

typedef struct mk_breaker mk_breaker;
/// kind: 0 = character, 1 = word, 2 = line, 3 = sentence. locale: e.g. "nl", "vi", "en".
mk_breaker *mk_breaker_open(int32_t kind, const char *locale, int32_t *status);
/// Points the iterator at `text` (not copied: it must outlive the iteration).
void mk_breaker_set_utf8(mk_breaker *b, const char *text, int32_t length, int32_t *status);
/// Writes up to `capacity` next boundaries (after the text start) into `out`;
/// returns how many were written, 0 at the end of the text.
int32_t mk_breaker_fill(mk_breaker *b, int32_t *out, int32_t capacity);
void mk_breaker_close(mk_breaker *b);

#ifdef __cplusplus
}
#endif

#endif
