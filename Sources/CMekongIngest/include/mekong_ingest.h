// Plain-C face of the two C libraries ingest needs: libxml2's HTML parser (driven
// through SAX, so no tree is built and every event carries its byte offset) and
// zlib's gzip inflater. Their headers stay inside this target.
#ifndef MEKONG_INGEST_H
#define MEKONG_INGEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: HTML

/// Callbacks of one HTML parse. `offset` is the byte offset in the input just after
/// the event's source text (the parser's position when it reports the event).
/// Tag and attribute names come lowercased. `attributes` is name, value, name,
/// value, ..., NULL (a value may be NULL for a bare attribute).
typedef struct {
    void *context;
    void (*start_element)(void *context, const char *name, const char *const *attributes, int64_t offset);
    void (*end_element)(void *context, const char *name, int64_t offset);
    /// Text (entities decoded), also text inside script and style elements.
    void (*characters)(void *context, const char *text, int32_t length, int64_t offset);
} mk_html_handler;

/// Parses UTF-8 HTML (the caller has decoded it; declared charsets are ignored).
/// Returns 0, or -1 when the parser could not be created.
int32_t mk_html_parse(const char *bytes, int64_t length, const mk_html_handler *handler);

// MARK: gzip

typedef struct mk_gunzip mk_gunzip;
/// A streaming gzip inflater (concatenated members are read as one stream).
mk_gunzip *mk_gunzip_open(void);
/// Inflates from `input` into `output`. Sets `*consumed` and `*produced`.
/// Returns 0 while more data may follow, 1 at the end of the stream, < 0 on an error
/// (its message in `mk_gunzip_error`).
int32_t mk_gunzip_inflate(mk_gunzip *z, const uint8_t *input, int64_t input_length, int64_t *consumed,
                          uint8_t *output, int64_t output_capacity, int64_t *produced);
const char *mk_gunzip_error(const mk_gunzip *z);
void mk_gunzip_close(mk_gunzip *z);

#ifdef __cplusplus
}
#endif

#endif
