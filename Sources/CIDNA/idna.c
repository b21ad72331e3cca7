// See include/exthost_idna.h. ICU is in the process already, through JavaScriptCore-GTK.
#include "exthost_idna.h"

#include <pthread.h>
#include <unicode/uidna.h>

static UIDNA *processor;
static pthread_once_t processorOnce = PTHREAD_ONCE_INIT;

// One processor for the process: ICU's UTS #46 object is immutable once opened and may be used
// from several threads.
static void openProcessor(void) {
    UErrorCode error = U_ZERO_ERROR;
    UIDNA *opened = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII
                                        | UIDNA_NONTRANSITIONAL_TO_UNICODE, &error);
    processor = U_SUCCESS(error) ? opened : NULL;
}

int32_t exthost_idna_to_ascii(const uint16_t *name, int32_t length, uint16_t *output, int32_t capacity,
                              uint32_t ignoredErrors) {
    pthread_once(&processorOnce, openProcessor);
    if (processor == NULL) return -1;
    UErrorCode error = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t written = uidna_nameToASCII(processor, (const UChar *)name, length, (UChar *)output, capacity, &info, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR) return -2 - written;
    if (U_FAILURE(error) || (info.errors & ~ignoredErrors) != 0) return -1;
    return written;
}

uint32_t exthost_idna_url_standard_ignored_errors(void) {
    return UIDNA_ERROR_HYPHEN_3_4 | UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_EMPTY_LABEL
        | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG;
}
