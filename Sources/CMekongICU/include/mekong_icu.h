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


// MARK: Charset detection and conversion to UTF-8

/// One guess of ICU's charset detector (ucsdet): canonical charset name, the
/// language it guessed (may be empty), and a confidence of 0 to 100.
typedef struct {
    char name[48];
    char language[16];
    int32_t confidence;
} mk_charset_match;

/// Runs ICU's charset detector over `src` and writes up to `capacity` matches, best
/// first, into `out`. Returns how many were written (0 when nothing matched, which is
/// not an error).
int32_t mk_detect_charsets(const char *src, int32_t length, mk_charset_match *out, int32_t capacity, int32_t *status);

/// Writes ICU's canonical converter name for `name` (an alias such as "latin1" or
/// "cp1258") into `out` (NUL-terminated, at most `capacity` bytes). Returns 1 when ICU
/// has a converter for the name, else 0.
int32_t mk_converter_name(const char *name, char *out, int32_t capacity);

/// The result of a conversion to UTF-8: the bytes, the source byte offset at which
/// each output code point starts, and the byte sequences that could not be decoded
/// (each became one U+FFFD).
typedef struct mk_converted mk_converted;

/// Converts `src` from the charset `name` to UTF-8. Undecodable or unassigned byte
/// sequences become U+FFFD and are counted, never dropped.
mk_converted *mk_convert_to_utf8(const char *name, const char *src, int32_t length, int32_t *status);
const char *mk_converted_bytes(const mk_converted *c);
int32_t mk_converted_length(const mk_converted *c);
/// One source byte offset per output code point (mk_converted_code_points of them).
const int32_t *mk_converted_offsets(const mk_converted *c);
int32_t mk_converted_code_points(const mk_converted *c);
/// Undecodable sequences (each one U+FFFD in the output), their bytes, and the
/// source offset of the first one (-1 when there was none).
int32_t mk_converted_invalid_sequences(const mk_converted *c);
int32_t mk_converted_invalid_bytes(const mk_converted *c);
int32_t mk_converted_first_invalid_offset(const mk_converted *c);
void mk_converted_free(mk_converted *c);

#ifdef __cplusplus
}
#endif

#endif
