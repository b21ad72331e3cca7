// Domain names to ASCII with ICU's UTS #46 (uidna_nameToASCII), behind a C function that uses no
// ICU type: Swift's Foundation carries its own copy of ICU's headers, and importing both into one
// Swift module clashes.
#ifndef EXTHOST_IDNA_H
#define EXTHOST_IDNA_H

#include <stdint.h>

/// Converts the UTF-16 domain `name` (`length` units) to its ASCII form with ICU's UTS #46
/// processor (non-transitional, CheckBidi, CheckJoiners), writing at most `capacity` units to
/// `output`. Errors in `ignoredErrors` (UIDNA_ERROR_* bits) are not counted.
///
/// Returns the length of the ASCII form; -1 when UTS #46 refuses the name; or, when `capacity` is
/// too small, -2 - the length needed.
int32_t exthost_idna_to_ascii(const uint16_t *name, int32_t length, uint16_t *output, int32_t capacity,
                              uint32_t ignoredErrors);

/// The UIDNA_ERROR_* bits the URL Standard ignores (CheckHyphens and VerifyDnsLength off).
uint32_t exthost_idna_url_standard_ignored_errors(void);

#endif
