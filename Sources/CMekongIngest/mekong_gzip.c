#include "mekong_ingest.h"

#include <stdlib.h>
#include <zlib.h>

struct mk_gunzip {
    z_stream stream;
    int ended;           // a member ended: the next input byte may start another one
    const char *error;
};

mk_gunzip *mk_gunzip_open(void) {
    mk_gunzip *z = calloc(1, sizeof *z);
    if (z == NULL) return NULL;
    // 15 + 16: a gzip header and trailer are required (not raw deflate, not zlib).
    if (inflateInit2(&z->stream, 15 + 16) != Z_OK) { free(z); return NULL; }
    return z;
}

int32_t mk_gunzip_inflate(mk_gunzip *z, const uint8_t *input, int64_t input_length, int64_t *consumed,
                          uint8_t *output, int64_t output_capacity, int64_t *produced) {
    *consumed = 0;
    *produced = 0;
    if (z->error != NULL) return -1;
    if (z->ended) {
        if (input_length == 0) return 1;
        // Another gzip member follows (as `cat a.gz b.gz` makes).
        inflateReset(&z->stream);
        z->ended = 0;
    }
    z->stream.next_in = (Bytef *)input;
    z->stream.avail_in = (uInt)(input_length > UINT32_MAX ? UINT32_MAX : input_length);
    z->stream.next_out = output;
    z->stream.avail_out = (uInt)(output_capacity > UINT32_MAX ? UINT32_MAX : output_capacity);
    int rc = inflate(&z->stream, Z_NO_FLUSH);
    *consumed = (int64_t)((const uint8_t *)z->stream.next_in - input);
    *produced = (int64_t)(z->stream.next_out - output);
    switch (rc) {
    case Z_OK:
    case Z_BUF_ERROR:   // no progress possible with this input: the caller brings more
        return 0;
    case Z_STREAM_END:
        z->ended = 1;
        return 1;
    case Z_DATA_ERROR:
        z->error = z->stream.msg ? z->stream.msg : "corrupt gzip data";
        return -1;
    case Z_MEM_ERROR:
        z->error = "out of memory while inflating";
        return -1;
    default:
        z->error = z->stream.msg ? z->stream.msg : "gzip error";
        return -1;
    }
}

const char *mk_gunzip_error(const mk_gunzip *z) { return z->error ? z->error : ""; }

void mk_gunzip_close(mk_gunzip *z) {
    if (z == NULL) return;
    inflateEnd(&z->stream);
    free(z);
}
