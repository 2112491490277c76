#pragma once
// A deterministic random source for the synthetic hospital. SplitMix64 gives
// the same sequence on every platform and compiler; std:: distributions do
// not, and a seed must reproduce the same patients everywhere.

#include <QtGlobal>

#include <iterator>

namespace lantern::sim {

class Rng
{
public:
    explicit Rng(quint64 seed) : m_state(seed) {}

    // An independent stream for one purpose (one patient, the change stream, faults),
    // so that adding draws in one place does not shift every other place.
    static Rng derived(quint64 seed, quint64 stream)
    {
        Rng r(seed ^ (stream * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull));
        r.next();
        return r;
    }

    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    // 0 <= result < n
    int below(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }
    // lo <= result <= hi
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }

    template <typename C>
    const auto& pick(const C& c)
    {
        return c[below(int(std::size(c)))];
    }

private:
    quint64 m_state;
};

} // namespace lantern::sim
