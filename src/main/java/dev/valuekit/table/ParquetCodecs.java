package dev.valuekit.table;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet page codecs in pure Java: Snappy, Zstandard and LZ4 (raw) from aircompressor, gzip from
 * the JDK. parquet-java's own factory goes through Hadoop's codec classes and native snappy/zstd
 * libraries; these cover the codecs Spark, pyarrow and DuckDB write by default on every platform.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private ParquetCodecs() {}

    /** Thrown for a codec this factory does not implement (LZO, Brotli, Hadoop's framed LZ4). */
    static final class UnsupportedCodecException extends IOException {
        UnsupportedCodecException(CompressionCodecName codec) {
            super("unsupported Parquet compression " + codec);
        }
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput in) throws IOException {
                byte[] src = in.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(src);
                    case SNAPPY -> compressWith(new SnappyCompressor(), src);
                    case ZSTD -> compressWith(new ZstdCompressor(), src);
                    case LZ4_RAW -> compressWith(new Lz4Compressor(), src);
                    case GZIP -> gzip(src);
                    default -> throw new UnsupportedCodecException(codec);
                };
            }

            @Override public CompressionCodecName getCodecName() { return codec; }
            @Override public void release() {}
        };
    }

    private static BytesInput compressWith(Compressor c, byte[] src) {
        byte[] dst = new byte[c.maxCompressedLength(src.length)];
        int n = c.compress(src, 0, src.length, dst, 0, dst.length);
        return BytesInput.from(dst, 0, n);
    }

    private static BytesInput gzip(byte[] src) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(src.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(src);
        }
        return BytesInput.from(bytes.toByteArray());
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput in, int size) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) return in;
                byte[] src = in.toByteArray();
                byte[] dst = new byte[size];
                int n = switch (codec) {
                    case SNAPPY -> decompressWith(new SnappyDecompressor(), src, dst);
                    case ZSTD -> decompressWith(new ZstdDecompressor(), src, dst);
                    case LZ4_RAW -> decompressWith(new Lz4Decompressor(), src, dst);
                    case GZIP -> gunzip(src, dst);
                    default -> throw new UnsupportedCodecException(codec);
                };
                if (n != size) throw new IOException("page decompressed to " + n + " bytes, header says " + size);
                return BytesInput.from(dst);
            }

            @Override
            public void decompress(ByteBuffer in, int compressedSize, ByteBuffer out, int size) throws IOException {
                byte[] src = new byte[compressedSize];
                in.get(src);
                out.put(decompress(BytesInput.from(src), size).toByteBuffer());
            }

            @Override public void release() {}
        };
    }

    private static int decompressWith(Decompressor d, byte[] src, byte[] dst) {
        return d.decompress(src, 0, src.length, dst, 0, dst.length);
    }

    private static int gunzip(byte[] src, byte[] dst) throws IOException {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(src))) {
            int n = gz.readNBytes(dst, 0, dst.length);
            if (gz.read() >= 0) throw new IOException("gzip page longer than its header says");
            return n;
        }
    }

    @Override public void release() {}
}
