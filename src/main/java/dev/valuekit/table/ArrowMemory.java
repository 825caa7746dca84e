package dev.valuekit.table;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native memory behind one Arrow reader, bounded and always given back. Arrow's readers drop
 * the buffer of a message they fail to decode (damaged metadata, offsets past the body), so closing
 * the allocator after such a failure would report a leak and keep the memory. Here every allocation
 * is tracked: {@link #close()} frees whatever the library left behind. The limit turns a damaged
 * length field (a 3 PB message body) into an allocation failure the reader reports as corrupt input
 * instead of an {@link OutOfMemoryError}.
 */
final class ArrowMemory implements AutoCloseable {
    /** Bound for inputs of unknown length (stdin streams): far above any sane record batch. */
    static final long UNKNOWN_LENGTH_LIMIT = 16L << 30;

    private final Set<Chunk> live = ConcurrentHashMap.newKeySet();
    private final BufferAllocator allocator;

    private ArrowMemory(long limit) {
        AllocationManager.Factory factory = new AllocationManager.Factory() {
            @Override public AllocationManager create(BufferAllocator accounting, long size) {
                return new Chunk(accounting, size);
            }
            @Override public ArrowBuf empty() { return UnsafeAllocationManager.FACTORY.empty(); }
        };
        this.allocator = new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(factory).maxAllocation(limit).build());
    }

    /**
     * Memory for reading an input of {@code inputBytes} bytes (negative: unknown). Arrow never needs
     * more than the input's size for one message plus rounding, so twice that is a safe bound.
     */
    static ArrowMemory forInput(long inputBytes) {
        long limit = inputBytes < 0 ? UNKNOWN_LENGTH_LIMIT : Math.min(UNKNOWN_LENGTH_LIMIT, 2 * inputBytes + (16L << 20));
        return new ArrowMemory(limit);
    }

    BufferAllocator allocator() { return allocator; }

    /** Bytes still allocated. */
    long heldBytes() {
        long n = 0;
        for (Chunk c : live) n += c.getSize();
        return n;
    }

    /** Closes the allocator, or, when a failed read left buffers behind, frees them directly. */
    @Override
    public void close() {
        if (live.isEmpty()) {
            allocator.close();
            return;
        }
        // The allocator would log the leak and throw; its bookkeeping is plain heap the GC takes.
        for (Chunk c : live) c.release0();
    }

    /** One native allocation, freed exactly once (by Arrow or by {@link #close()}). */
    private final class Chunk extends AllocationManager {
        private final long size;
        private long address;

        Chunk(BufferAllocator accounting, long size) {
            super(accounting);
            this.size = size;
            this.address = MemoryUtil.allocateMemory(size);
            live.add(this);
        }

        @Override public long getSize() { return size; }
        @Override protected long memoryAddress() { return address; }

        @Override
        protected synchronized void release0() {
            if (address == 0) return;
            MemoryUtil.freeMemory(address);
            address = 0;
            live.remove(this);
        }
    }
}
