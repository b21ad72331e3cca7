// SQLite's C API (Debian's libsqlite3): the profile's database (Sources/BrowserModel/Profile/).
#ifndef EXTHOST_CSQLITE_SHIM_H
#define EXTHOST_CSQLITE_SHIM_H

#include <sqlite3.h>

#endif
