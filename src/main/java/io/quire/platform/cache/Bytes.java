package io.quire.platform.cache;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A compact binary layout for values in the Redis tier: length-prefixed strings and buffers (length -1 is null),
 * fixed-width numbers. Codecs write fields in a fixed order and read them back in the same order; a change of
 * layout changes {@code VERSION} in the codec, and an entry that does not read back is simply a miss.
 */
public final class Bytes {
    private Bytes() {}

    /** Appends fields in order. */
    public static final class Writer {
        private final Buffer out = Buffer.buffer(256);

        public Writer string(String s) {
            return buffer(s == null ? null : Buffer.buffer(s.getBytes(StandardCharsets.UTF_8)));
        }

        public Writer buffer(Buffer b) {
            if (b == null) {
                out.appendInt(-1);
            } else {
                out.appendInt(b.length()).appendBuffer(b);
            }
            return this;
        }

        public Writer uuid(UUID id) {
            return string(id == null ? null : id.toString());
        }

        public Writer integer(int value) {
            out.appendInt(value);
            return this;
        }

        public Writer number(double value) {
            out.appendDouble(value);
            return this;
        }

        public Buffer done() {
            return out;
        }
    }

    /** Reads fields back in the order they were written. */
    public static final class Reader {
        private final Buffer in;
        private int pos;

        public Reader(Buffer in) {
            this.in = in;
        }

        public Buffer buffer() {
            int length = in.getInt(pos);
            pos += 4;
            if (length < 0) {
                return null;
            }
            Buffer b = in.getBuffer(pos, pos + length);
            pos += length;
            return b;
        }

        public String string() {
            Buffer b = buffer();
            return b == null ? null : b.toString(StandardCharsets.UTF_8);
        }

        public UUID uuid() {
            String s = string();
            return s == null ? null : UUID.fromString(s);
        }

        public int integer() {
            int value = in.getInt(pos);
            pos += 4;
            return value;
        }

        public double number() {
            double value = in.getDouble(pos);
            pos += 8;
            return value;
        }
    }
}
