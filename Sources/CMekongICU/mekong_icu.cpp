#include "mekong_icu.h"

#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

using icu::Normalizer2;

const char *mk_status_name(int32_t status) { return u_errorName(static_cast<UErrorCode>(status)); }

const char *mk_icu_version(void) { return U_ICU_VERSION; }

int32_t mk_is_sentence_terminal(int32_t code_point) {
    int32_t sb = u_getIntPropertyValue(code_point, UCHAR_SENTENCE_BREAK);
    return (sb == U_SB_STERM || sb == U_SB_ATERM) ? 1 : 0;
}

// MARK: Normalization

struct mk_normalized {
    std::string bytes;
    std::vector<mk_edit_run> runs;
};

const mk_normalizer *mk_normalizer_get(int32_t form, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    const Normalizer2 *n = nullptr;
    switch (form) {
    case 0: n = Normalizer2::getNFCInstance(ec); break;
    case 1: n = Normalizer2::getNFKCInstance(ec); break;
    case 2: n = Normalizer2::getNFKCCasefoldInstance(ec); break;
    default: ec = U_ILLEGAL_ARGUMENT_ERROR; break;
    }
    *status = ec;
    return reinterpret_cast<const mk_normalizer *>(n);
}

int32_t mk_normalizer_is_normalized_utf8(const mk_normalizer *n, const char *src, int32_t length, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    auto norm = reinterpret_cast<const Normalizer2 *>(n);
    UBool yes = norm->isNormalizedUTF8(icu::StringPiece(src, length), ec);
    *status = ec;
    return yes ? 1 : 0;
}

mk_normalized *mk_normalize_utf8(const mk_normalizer *n, const char *src, int32_t length, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    auto norm = reinterpret_cast<const Normalizer2 *>(n);
    auto result = new mk_normalized();
    result->bytes.reserve(static_cast<size_t>(length) + 16);
    icu::StringByteSink<std::string> sink(&result->bytes);
    icu::Edits edits;
    norm->normalizeUTF8(0, icu::StringPiece(src, length), sink, &edits, ec);
    if (U_SUCCESS(ec)) {
        icu::Edits::Iterator it = edits.getCoarseIterator();
        while (it.next(ec)) {
            result->runs.push_back(mk_edit_run{it.oldLength(), it.newLength(), it.hasChange() ? 1 : 0});
        }
    }
    *status = ec;
    if (U_FAILURE(ec)) {
        delete result;
        return nullptr;
    }
    return result;
}

const char *mk_normalized_bytes(const mk_normalized *r) { return r->bytes.data(); }
int32_t mk_normalized_length(const mk_normalized *r) { return static_cast<int32_t>(r->bytes.size()); }
const mk_edit_run *mk_normalized_runs(const mk_normalized *r) { return r->runs.data(); }
int32_t mk_normalized_run_count(const mk_normalized *r) { return static_cast<int32_t>(r->runs.size()); }
void mk_normalized_free(mk_normalized *r) { delete r; }

// MARK: Break iteration

struct mk_breaker {
    UBreakIterator *iterator = nullptr;
    UText *text = nullptr;
};

mk_breaker *mk_breaker_open(int32_t kind, const char *locale, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    UBreakIteratorType type;
    switch (kind) {
    case 0: type = UBRK_CHARACTER; break;
    case 1: type = UBRK_WORD; break;
    case 2: type = UBRK_LINE; break;
    case 3: type = UBRK_SENTENCE; break;
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
    UBreakIterator *it = ubrk_open(type, locale, nullptr, 0, &ec);
    *status = ec;
    if (U_FAILURE(ec)) return nullptr;
    auto b = new mk_breaker();
    b->iterator = it;
    return b;
}

void mk_breaker_set_utf8(mk_breaker *b, const char *text, int32_t length, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    b->text = utext_openUTF8(b->text, text, length, &ec);
    if (U_SUCCESS(ec)) ubrk_setUText(b->iterator, b->text, &ec);
    *status = ec;
}

int32_t mk_breaker_fill(mk_breaker *b, int32_t *out, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t next = ubrk_next(b->iterator);
        if (next == UBRK_DONE) break;
        out[count++] = next;
    }
    return count;
}

void mk_breaker_close(mk_breaker *b) {
    if (!b) return;
    if (b->iterator) ubrk_close(b->iterator);
    if (b->text) utext_close(b->text);
    delete b;
}
