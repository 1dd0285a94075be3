package dev.hft.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;

/**
 * A file channel that loses power at its k-th {@link #force}: what was written since the last successful force
 * is partly lost (a random prefix of it reaches the disk, in order) and followed by a random amount of garbage
 * without an end of line, as a crash leaves an append-only file; then it throws. Everything forced before survives.
 */
class FaultyChannel extends FileChannel {
    private final FileChannel real;
    private final int failAtForce;
    private final SplittableRandom rnd;
    private int forces;
    private long durable;

    FaultyChannel(FileChannel real, int failAtForce, SplittableRandom rnd) throws IOException {
        this.real = real;
        this.failAtForce = failAtForce;
        this.rnd = rnd;
        this.durable = real.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (++forces == failAtForce) {
            long end = real.size();
            long kept = durable + (end > durable ? rnd.nextLong(end - durable + 1) : 0);
            real.truncate(kept);
            int garbage = rnd.nextInt(64);
            byte[] g = new byte[garbage];
            for (int k = 0; k < garbage; k++) {
                // zeros (blocks the file grew by but never received) or stale bytes; never a whole new line: a
                // complete line whose checksum fails is damage, not a crash, and recovery refuses it
                int b = rnd.nextBoolean() ? 0 : rnd.nextInt(255);
                g[k] = (byte) (b == '\n' ? 255 : b);
            }
            real.write(ByteBuffer.wrap(g), kept);
            throw new IOException("simulated power loss at force " + forces);
        }
        real.force(metaData);
        durable = real.size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return real.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
