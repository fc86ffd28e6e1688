// Refusing an output path before any work is done. A sweep or a study writes its file only when every
// scenario has run, so a missing folder, an unwritable place or an existing file must stop it at the start,
// not hours later (and the parts folder beside the output must not create a missing folder on the way).
#pragma once

#include <string>

#include "engine/io/hdf5_file.hpp"

namespace spineload::cli {

/// Throws h5::Error with the message `spineload run` gives if `output` cannot be written: its folder is
/// missing or not writable, it is a folder, or it exists and !overwrite. The check creates the temporary
/// file the final write will use and removes it again, so it fails where that write would fail (root passes
/// a permission check on /proc; only creating a file there fails).
inline void refuseUnwritableOutput(const std::string& output, bool overwrite) {
  const h5::AtomicOutput probe(output, overwrite);  // never committed: its destructor removes the file
}

}  // namespace spineload::cli
