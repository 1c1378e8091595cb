#ifndef DOSSIER_SQLITE_SHIM_H
#define DOSSIER_SQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot call C variadic functions, and it cannot import the
// SQLITE_TRANSIENT macro (a cast of -1 to a function pointer). These inline
// wrappers are the only C the package carries.

/// SQLITE_TRANSIENT: SQLite copies bound text and blobs before returning.
static inline sqlite3_destructor_type dossier_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_db_config() for the options that take (int, int *).
/// Returns the SQLite result code; `*out` receives the option's new state.
static inline int dossier_sqlite_db_config_flag(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

#endif
