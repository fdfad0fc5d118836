using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocialCapital.Metrics;

/// <summary>The stream of MathNet's <c>MersenneTwister(seed).Next(n)</c>, draw for draw: MT19937 (Matsumoto &amp;
/// Nishimura 1998) seeded by its init_genrand; a draw below 1 is 0 and takes no word; a draw below n &gt; 1 takes the
/// low byte of each of the next four words as the bytes of a little-endian 32-bit integer, keeps its top ⌈log2 n⌉
/// bits and draws again while that is n or more (MathNet's unbiased DoSampleInteger). MathNet does this through
/// virtual calls and a new four-byte array per draw; the bootstrap draws about 10⁸ indices for the areas of a million
/// people (and trends draw that on every date). So the state is renewed a vector of words at a time (SIMD), each renewal
/// tempers its 624 words at once and keeps their low bytes only, and a draw — four whole words, as the state's 624 is
/// a multiple of 4 and a bound of 1 takes none — reads those four bytes as one little-endian integer. A test holds
/// this class to MathNet's stream. Not thread-safe; one per caller.</summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint Twist = 0x9908b0df;
    private const uint Upper = 0x80000000;
    private const uint Lower = 0x7fffffff;
    private const uint MaxBound = 1u << 30;

    private readonly uint[] _state = new uint[N];
    private readonly byte[] _low = new byte[N]; // the low byte of each tempered word of the state
    private readonly uint[] _tempered = new uint[N]; // the tempered words, narrowed to _low (kept: no allocation a renewal)
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
    public int Next(int n)
    {
        if ((uint)(n - 1) >= MaxBound) ThrowOutOfRange(n);
        if (n == 1) return 0; // as MathNet: no word is drawn
        var next = _next;
        var sample = Draw(ref next, ShiftFor(n), n);
        _next = next;
        return sample;
    }

    /// <summary>Fills <paramref name="draws"/> with the next draws from 0 to <paramref name="n"/> − 1: as many calls of
    /// <see cref="Next"/>, the stream left at the same place. Each word is written as a draw before it is tested and
    /// counted only when below n, so the rejections cost no mispredicted branch (the bootstrap draws many resamples'
    /// worth at a time; drawing was most of its time before).</summary>
    /// <param name="n">From 1 to 2³⁰.</param>
    /// <param name="draws">Where the draws go.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of that range.</exception>
    public void Fill(int n, Span<int> draws)
    {
        if ((uint)(n - 1) >= MaxBound) ThrowOutOfRange(n);
        if (n == 1)
        {
            draws.Clear(); // as Next(1): no word is drawn
            return;
        }
        var shift = ShiftFor(n);
        var next = _next;
        ref var low = ref MemoryMarshal.GetArrayDataReference(_low);
        for (var count = 0; count < draws.Length;)
        {
            if (next == N) { Refill(); next = 0; }
            for (; next < N && count < draws.Length; next += 4)
            {
                var sample = (int)(LittleEndian(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref low, next))) >> shift);
                draws[count] = sample;
                count += sample < n ? 1 : 0;
            }
        }
        _next = next;
    }

    private static uint LittleEndian(uint word) => BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);

    /// <summary>How far a draw's 32 bits are shifted to keep the top ⌈log2 n⌉ (n &gt; 1).</summary>
    private static int ShiftFor(int n) => 32 - BitOperations.Log2((uint)n) - ((n & (n - 1)) != 0 ? 1 : 0);

    /// <summary>One draw below n &gt; 1 from word <paramref name="next"/> on: four bytes, each the low byte of the next
    /// word, in little-endian order (MathNet's DoSampleBytes into the four-byte buffer its DoSampleInt32WithNBits
    /// reads), their top bits kept, again while that is n or more. Draws take words four at a time, so they never
    /// straddle a renewal and next ≤ N − 4 at the read, which needs no bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Draw(ref int next, int shift, int n)
    {
        int sample;
        do
        {
            if (next == N) { Refill(); next = 0; }
            sample = (int)(LittleEndian(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_low), next))) >> shift);
            next += 4;
        }
        while (sample >= n);
        return sample;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(int n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, "A bootstrap draw's bound must be from 1 to 2^30.");

    /// <summary>The next N words of the state, each from the word M further on as already renewed (so the words up to
    /// N − M read words not yet renewed, the rest words renewed at least N − M before: a vector at a time either way),
    /// then the low bytes of the tempered words.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill()
    {
        var state = _state.AsSpan();
        var width = Vector<uint>.Count;
        var k = 0;
        for (; k + width <= N - M; k += width) Renew(state, k, k + M);
        for (; k < N - M; k++) Renew(state[k], state[k + 1], state[k + M], out state[k]);
        for (; k + width <= N - 1; k += width) Renew(state, k, k + M - N);
        for (; k < N - 1; k++) Renew(state[k], state[k + 1], state[k + M - N], out state[k]);
        Renew(state[N - 1], state[0], state[M - 1], out state[N - 1]);

        var tempered = _tempered.AsSpan();
        for (k = 0; k + width <= N; k += width)
        {
            var y = new Vector<uint>(state[k..]);
            y ^= y >> 11;
            y ^= (y << 7) & new Vector<uint>(0x9d2c5680);
            y ^= (y << 15) & new Vector<uint>(0xefc60000);
            (y ^ (y >> 18)).CopyTo(tempered[k..]);
        }
        for (; k < N; k++) tempered[k] = Temper(state[k]);
        // The low bytes, four vectors of words narrowed to one of bytes at a time.
        for (k = 0; k + 4 * width <= N; k += 4 * width)
        {
            var low = Vector.Narrow(new Vector<uint>(tempered[k..]), new Vector<uint>(tempered[(k + width)..]));
            var high = Vector.Narrow(new Vector<uint>(tempered[(k + 2 * width)..]), new Vector<uint>(tempered[(k + 3 * width)..]));
            Vector.Narrow(low, high).CopyTo(_low.AsSpan(k));
        }
        for (; k < N; k++) _low[k] = (byte)tempered[k];
        _next = 0;
    }

    private static void Renew(Span<uint> state, int k, int from)
    {
        var y = (new Vector<uint>(state[k..]) & new Vector<uint>(Upper)) | (new Vector<uint>(state[(k + 1)..]) & new Vector<uint>(Lower));
        var odd = Vector<uint>.Zero - (y & Vector<uint>.One); // all ones where y is odd
        (new Vector<uint>(state[from..]) ^ (y >> 1) ^ (odd & new Vector<uint>(Twist))).CopyTo(state[k..]);
    }

    private static void Renew(uint word, uint nextWord, uint from, out uint renewed)
    {
        var y = (word & Upper) | (nextWord & Lower);
        renewed = from ^ (y >> 1) ^ ((0u - (y & 1)) & Twist);
    }

    private static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >> 18);
    }
}
