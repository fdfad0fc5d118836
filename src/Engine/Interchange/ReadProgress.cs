namespace SocialCapital.Interchange;

/// <summary>How far reading a dataset has gone, told to a progress sink at most every 1 MiB (so reporting costs nothing
/// next to parsing): the share of its files' bytes read, as 0 to 0.9 — the checks and indexes made after the last
/// byte take about a tenth of the time at a million people — and 1 when the dataset is made.</summary>
internal sealed class ReadProgress(IProgress<double> progress, long total)
{
    private const long Step = 1 << 20;
    private const double BytesShare = 0.9;
    private long _read;
    private long _reported;

    private void Add(int count)
    {
        if (count <= 0 || total <= 0) return;
        var read = Interlocked.Add(ref _read, count);
        if (read - Volatile.Read(ref _reported) < Step) return;
        Volatile.Write(ref _reported, read);
        progress.Report(BytesShare * Math.Min(read, total) / total);
    }

    /// <summary>A read-only stream that counts what is read through it.</summary>
    internal sealed class CountingStream(Stream inner, ReadProgress bytes) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int count)
        {
            bytes.Add(count);
            return count;
        }
    }
}
