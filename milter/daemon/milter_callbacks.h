// The libmilter callbacks: thin glue that takes the connection's private data,
// runs the matching MessageState step through dispatch() and translates the
// result into a libmilter verdict. All logic lives in MessageState.
// Thread safety: libmilter runs callbacks for different connections in
// different threads; they share only the SnapshotStore (thread-safe).
#pragma once

#include <libmilter/mfapi.h>

#include "snapshot.h"

namespace smtp_explain::daemon {

// The filter description to pass to smfi_register(). `store` must outlive smfi_main().
smfiDesc filter_description(SnapshotStore* store);

}  // namespace smtp_explain::daemon
