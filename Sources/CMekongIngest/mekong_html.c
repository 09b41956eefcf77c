#include "mekong_ingest.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>

typedef struct {
    htmlParserCtxtPtr parser;
    const mk_html_handler *handler;
} mk_html_state;

// Bytes consumed so far. The input is UTF-8 and no encoder is set (HTML_PARSE_IGNORE_ENC),
// so the parser's buffer holds the input's own bytes and this is an exact offset.
static int64_t position(const mk_html_state *s) {
    xmlParserInputPtr in = s->parser->input;
    if (in == NULL || in->base == NULL || in->cur == NULL) return 0;
    return (int64_t)in->consumed + (int64_t)(in->cur - in->base);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attributes) {
    mk_html_state *s = ctx;
    if (s->handler->start_element)
        s->handler->start_element(s->handler->context, (const char *)name, (const char *const *)attributes, position(s));
}

static void on_end(void *ctx, const xmlChar *name) {
    mk_html_state *s = ctx;
    if (s->handler->end_element) s->handler->end_element(s->handler->context, (const char *)name, position(s));
}

static void on_characters(void *ctx, const xmlChar *text, int length) {
    mk_html_state *s = ctx;
    if (s->handler->characters) s->handler->characters(s->handler->context, (const char *)text, length, position(s));
}

int32_t mk_html_parse(const char *bytes, int64_t length, const mk_html_handler *handler) {
    if (length > INT32_MAX) return -1;
    htmlParserCtxtPtr parser = htmlCreateMemoryParserCtxt(bytes, (int)length);
    if (parser == NULL) return -1;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_characters;
    sax.ignorableWhitespace = on_characters;
    sax.cdataBlock = on_characters;
    // Swap in our handler; the context's own is freed here and ours is unhooked before the context is freed.
    htmlSAXHandlerPtr own = (htmlSAXHandlerPtr)parser->sax;
    parser->sax = (xmlSAXHandlerPtr)&sax;
    mk_html_state state = { parser, handler };
    parser->userData = &state;
    htmlCtxtUseOptions(parser, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                   HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC);
    // The input is UTF-8: without this the parser takes non-ASCII bytes for Latin-1.
    xmlSwitchEncoding(parser, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(parser);
    parser->sax = (xmlSAXHandlerPtr)own;
    if (parser->myDoc != NULL) { xmlFreeDoc(parser->myDoc); parser->myDoc = NULL; }
    htmlFreeParserCtxt(parser);
    return 0;
}
