// GLib's C API, as much of it as exthost uses: GChecksum for SHA-256 (extension ids). GLib is
// already in the process, through JavaScriptCore-GTK.
#ifndef EXTHOST_CGLIB_SHIM_H
#define EXTHOST_CGLIB_SHIM_H

#include <glib.h>

#endif
