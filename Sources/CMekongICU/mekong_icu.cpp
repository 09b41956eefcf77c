#include "mekong_icu.h"

#include <cstdio>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
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

// MARK: Charset detection

int32_t mk_detect_charsets(const char *src, int32_t length, mk_charset_match *out, int32_t capacity, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&ec);
    if (U_FAILURE(ec)) { *status = ec; return 0; }
    ucsdet_setText(detector, src, length, &ec);
    int32_t found = 0;
    const UCharsetMatch **matches = U_SUCCESS(ec) ? ucsdet_detectAll(detector, &found, &ec) : nullptr;
    int32_t written = 0;
    if (ec == U_INVALID_CHAR_FOUND) {
        // ICU's way of saying that no detector matched: not a failure for the caller.
        ec = U_ZERO_ERROR;
        found = 0;
    }
    for (int32_t i = 0; U_SUCCESS(ec) && i < found && written < capacity; i++) {
        UErrorCode e = U_ZERO_ERROR;
        const char *name = ucsdet_getName(matches[i], &e);
        const char *language = ucsdet_getLanguage(matches[i], &e);
        int32_t confidence = ucsdet_getConfidence(matches[i], &e);
        if (U_FAILURE(e) || !name) continue;
        mk_charset_match &m = out[written++];
        snprintf(m.name, sizeof m.name, "%s", name);
        snprintf(m.language, sizeof m.language, "%s", language ? language : "");
        m.confidence = confidence;
    }
    ucsdet_close(detector);
    *status = ec;
    return written;
}

int32_t mk_converter_name(const char *name, char *out, int32_t capacity) {
    UErrorCode ec = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &ec);
    if (U_FAILURE(ec) || !cnv) return 0;
    const char *canonical = ucnv_getName(cnv, &ec);
    int32_t ok = 0;
    if (U_SUCCESS(ec) && canonical && capacity > 0) {
        // Prefer the IANA or MIME name ("windows-1258") over ICU's internal one ("ibm-5354_P100-1998").
        UErrorCode e2 = U_ZERO_ERROR;
        const char *standard = ucnv_getStandardName(canonical, "MIME", &e2);
        if (!standard || U_FAILURE(e2)) { e2 = U_ZERO_ERROR; standard = ucnv_getStandardName(canonical, "IANA", &e2); }
        if (!standard || U_FAILURE(e2)) standard = canonical;
        snprintf(out, static_cast<size_t>(capacity), "%s", standard);
        ok = 1;
    }
    ucnv_close(cnv);
    return ok;
}

// MARK: Conversion to UTF-8 with source offsets

struct mk_converted {
    std::string bytes;
    std::vector<int32_t> offsets;
    int32_t invalidSequences = 0;
    int32_t invalidBytes = 0;
    int32_t firstInvalid = -1;
};

namespace {
struct InvalidCounter {
    mk_converted *result;
    const char *base;
};

// Counts each undecodable sequence, then substitutes U+FFFD as ICU's default callback does.
void countingToUCallback(const void *context, UConverterToUnicodeArgs *args, const char *codeUnits, int32_t length,
                         UConverterCallbackReason reason, UErrorCode *err) {
    if (reason == UCNV_ILLEGAL || reason == UCNV_UNASSIGNED || reason == UCNV_IRREGULAR) {
        auto counter = static_cast<const InvalidCounter *>(context);
        counter->result->invalidSequences += 1;
        counter->result->invalidBytes += length;
        if (counter->result->firstInvalid < 0) {
            // args->source points just past the offending bytes.
            counter->result->firstInvalid = static_cast<int32_t>(args->source - counter->base) - length;
        }
        static const UChar replacement = 0xFFFD;
        *err = U_ZERO_ERROR;
        ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
        (void)codeUnits;
    }
}
}  // namespace

mk_converted *mk_convert_to_utf8(const char *name, const char *src, int32_t length, int32_t *status) {
    UErrorCode ec = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &ec);
    if (U_FAILURE(ec)) { *status = ec; return nullptr; }
    auto result = new mk_converted();
    InvalidCounter counter{result, src};
    ucnv_setToUCallBack(cnv, countingToUCallback, &counter, nullptr, nullptr, &ec);
    std::vector<UChar> units;
    std::vector<int32_t> unitOffsets;
    // Each source byte gives at most two UTF-16 units for the converters ICU ships; grow if not.
    size_t capacity = static_cast<size_t>(length) * 2 + 16;
    const char *source = src;
    const char *sourceLimit = src + length;
    units.resize(capacity);
    unitOffsets.resize(capacity);
    size_t produced = 0;
    while (U_SUCCESS(ec)) {
        UChar *target = units.data() + produced;
        UChar *targetLimit = units.data() + units.size();
        int32_t *offsets = unitOffsets.data() + produced;
        const char *before = source;
        ucnv_toUnicode(cnv, &target, targetLimit, &source, sourceLimit, offsets, true, &ec);
        size_t n = static_cast<size_t>(target - (units.data() + produced));
        // Offsets are relative to this call's source start.
        int32_t shift = static_cast<int32_t>(before - src);
        for (size_t i = 0; i < n; i++) if (offsets[i] >= 0) offsets[i] += shift;
        produced += n;
        if (ec == U_BUFFER_OVERFLOW_ERROR) {
            ec = U_ZERO_ERROR;
            units.resize(units.size() * 2);
            unitOffsets.resize(unitOffsets.size() * 2);
            continue;
        }
        break;
    }
    ucnv_close(cnv);
    if (U_FAILURE(ec)) {
        delete result;
        *status = ec;
        return nullptr;
    }
    // UTF-16 -> UTF-8, one offset per code point.
    result->bytes.reserve(produced + produced / 2);
    result->offsets.reserve(produced);
    int32_t last = 0;
    for (size_t i = 0; i < produced;) {
        uint32_t c = units[i];
        int32_t off = unitOffsets[i];
        size_t step = 1;
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < produced && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00);
            step = 2;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;  // an unpaired surrogate from a UTF-16 source
        }
        if (off < 0) off = last;  // ICU gives -1 for units it made up; keep them with the previous ones
        if (off < last) off = last;
        last = off;
        char buf[4];
        int n = 0;
        if (c < 0x80) { buf[n++] = static_cast<char>(c); }
        else if (c < 0x800) { buf[n++] = static_cast<char>(0xC0 | (c >> 6)); buf[n++] = static_cast<char>(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) {
            buf[n++] = static_cast<char>(0xE0 | (c >> 12)); buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
        } else {
            buf[n++] = static_cast<char>(0xF0 | (c >> 18)); buf[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F)); buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
        }
        result->bytes.append(buf, static_cast<size_t>(n));
        result->offsets.push_back(off);
        i += step;
    }
    *status = U_ZERO_ERROR;
    return result;
}

const char *mk_converted_bytes(const mk_converted *c) { return c->bytes.data(); }
int32_t mk_converted_length(const mk_converted *c) { return static_cast<int32_t>(c->bytes.size()); }
const int32_t *mk_converted_offsets(const mk_converted *c) { return c->offsets.data(); }
int32_t mk_converted_code_points(const mk_converted *c) { return static_cast<int32_t>(c->offsets.size()); }
int32_t mk_converted_invalid_sequences(const mk_converted *c) { return c->invalidSequences; }
int32_t mk_converted_invalid_bytes(const mk_converted *c) { return c->invalidBytes; }
int32_t mk_converted_first_invalid_offset(const mk_converted *c) { return c->firstInvalid; }
void mk_converted_free(mk_converted *c) { delete c; }
