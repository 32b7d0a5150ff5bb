using Microsoft.Win32.SafeHandles;

namespace HookGuard.Git.Objects;

/// <summary>
/// A read-only, forward-only stream over a file from a given offset, read with positional reads (<c>pread</c>), so
/// that one open handle serves any number of entries of a pack without seeking it. Buffered, so a small pack entry
/// (header plus compressed data) costs one read.
/// </summary>
internal sealed class PositionalStream(SafeFileHandle handle, long position, int bufferSize = 4096) : Stream
{
    private readonly byte[] _buffer = new byte[bufferSize];
    private long _position = position; // file offset of the byte after the buffer
    private int _start;
    private int _end;

    /// <summary>The file offset of the next byte <see cref="Read(Span{byte})"/> returns.</summary>
    public long FileOffset => _position - (_end - _start);

    public override int ReadByte()
    {
        if (_start == _end && !Fill())
        {
            return -1;
        }

        return _buffer[_start++];
    }

    public override int Read(Span<byte> buffer)
    {
        if (_start == _end)
        {
            if (buffer.Length >= _buffer.Length)
            {
                var direct = RandomAccess.Read(handle, buffer, _position);
                _position += direct;
                return direct;
            }

            if (!Fill())
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private bool Fill()
    {
        var read = RandomAccess.Read(handle, _buffer, _position);
        _position += read;
        _start = 0;
        _end = read;
        return read > 0;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => FileOffset;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
