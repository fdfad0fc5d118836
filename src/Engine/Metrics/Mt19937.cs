using System.Numerics;
using System.Runtime.CompilerServices;

namespace SocialCapital.Metrics;

/// <summary>The stream of MathNet's <c>MersenneTwister(seed).Next(n)</c>, draw for draw: MT19937 (Matsumoto &amp;
/// Nishimura 1998) seeded by its init_genrand; a draw below 1 is 0 and takes no word; a draw below n &gt; 1 takes the
/// low byte of each of the next four words as the bytes of a little-endian 32-bit integer, keeps its top ⌈log2 n⌉
/// bits and draws again while that is n or more (MathNet's unbiased DoSampleInteger). MathNet does this through
/// virtual calls and a new four-byte array per draw; the bootstrap draws about 10⁸ indices for the areas of a million
/// people, and its loop was a fifth of their CPU. A test holds this class to MathNet's stream. Not thread-safe; one
/// per caller.</summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint Twist = 0x9908b0df;
    private const uint Upper = 0x80000000;
    private const uint Lower = 0x7fffffff;
    private const uint MaxBound = 1u << 30;

    private readonly uint[] _state = new uint[N];
    private int _next;

    /// <summary>A generator seeded as MathNet's <c>MersenneTwister(seed)</c>.</summary>
    public Mt19937(int seed)
    {
        var state = _state;
        state[0] = (uint)seed;
        for (var i = 1; i < N; i++) state[i] = 1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i;
        _next = N;
    }

    /// <summary>The next draw from 0 to <paramref name="n"/> − 1.</summary>
    /// <param name="n">From 1 to 2³⁰: the range the test holds to MathNet's stream (whose bounds above it differ).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of that range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int n)
    {
        if ((uint)(n - 1) >= MaxBound) ThrowOutOfRange(n);
        if (n == 1) return 0; // as MathNet: no word is drawn
        var bits = BitOperations.Log2((uint)n);
        if ((n & (n - 1)) != 0) bits++;
        var shift = 32 - bits;
        int sample;
        do
        {
            // Four bytes, each the low byte of the next word, in little-endian order: MathNet's DoSampleBytes into
            // the four-byte buffer its DoSampleInt32WithNBits reads.
            var bytes = (Word() & 0xFF) | (Word() & 0xFF) << 8 | (Word() & 0xFF) << 16 | (Word() & 0xFF) << 24;
            sample = (int)(bytes >> shift);
        }
        while (sample >= n);
        return sample;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Word()
    {
        if (_next >= N) Refill();
        var y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(int n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, "A bootstrap draw's bound must be from 1 to 2^30.");

    /// <summary>The next N words of the state, each from the word M further on as already renewed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill()
    {
        var state = _state;
        for (var k = 0; k < N; k++)
        {
            var y = (state[k] & Upper) | (state[k + 1 < N ? k + 1 : 0] & Lower);
            state[k] = state[k + M < N ? k + M : k + M - N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Twist);
        }
        _next = 0;
    }
}
