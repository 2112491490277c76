#pragma once

namespace lantern {
// sodium_init() once per process; safe to call from anywhere, any number of times.
void ensureSodium();
} // namespace lantern
