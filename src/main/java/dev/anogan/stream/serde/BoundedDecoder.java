package dev.anogan.stream.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of an in-memory payload that refuses lengths and item counts the payload cannot hold.
 * Avro allocates what a string's or bytes' length, or a map's or array's item count, claims before it reads
 * them, so a few corrupt bytes could claim a gigabyte and end the stream thread with an {@link OutOfMemoryError};
 * here they are an {@link IOException} like any other malformed input. Every string, bytes value or map entry
 * takes at least one byte per byte or item; so does every array item but those of zero-byte types (null, an
 * empty record), whose arrays of more items than bytes left are refused too.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset}. */
    BoundedDecoder(byte[] bytes, int offset, int length) {
        this.in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
    }

    /** Whether the whole payload has been read. */
    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    /** {@code claimed}, when no more than the bytes left. */
    private int bounded(long claimed, String what) throws IOException {
        int left = in.inputStream().available();
        if (claimed < 0 || claimed > left) {
            throw new IOException("a " + what + " of " + claimed + " where " + left + " bytes are left");
        }
        return (int) claimed;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = bounded(in.readLong(), "string length");
        Utf8 string = old != null ? old : new Utf8();
        string.setByteLength(length);
        in.readFixed(string.getBytes(), 0, length);
        return string;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(bounded(in.readLong(), "string length"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        byte[] bytes = new byte[bounded(in.readLong(), "bytes length")];
        in.readFixed(bytes);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(bounded(in.readLong(), "bytes length"));
    }

    @Override
    public long readArrayStart() throws IOException {
        return bounded(in.readArrayStart(), "array block count");
    }

    @Override
    public long arrayNext() throws IOException {
        return bounded(in.arrayNext(), "array block count");
    }

    @Override
    public long readMapStart() throws IOException {
        return bounded(in.readMapStart(), "map block count");
    }

    @Override
    public long mapNext() throws IOException {
        return bounded(in.mapNext(), "map block count");
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
