// libFuzzer's extra counters for Fuzz/SerializationFuzz.swift: libFuzzer reads every byte of the
// __libfuzzer_extra_counters section after each input (and clears them before the next) as coverage, so the
// harness can report what the uninstrumented JavaScript did by the counters it raises.
#include <stdint.h>

#define SERIALIZATION_FUZZ_COUNTERS 8192

__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t counters[SERIALIZATION_FUZZ_COUNTERS];

// Adds one to counter `index` modulo their number (saturating at 255).
void serialization_fuzz_count(uint32_t index) {
    uint8_t *counter = &counters[index % SERIALIZATION_FUZZ_COUNTERS];
    if (*counter < 255) (*counter)++;
}
