package io.plumbery.runtime.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** RecordIO framing of the v1 streaming APIs: {@code <decimal length>\n<bytes>}. */
public final class RecordIo {
    private static final int MAX_LENGTH_DIGITS = 20;

    private RecordIo() {
    }

    public static byte[] frame(byte[] record) {
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + record.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(record, 0, out, header.length, record.length);
        return out;
    }

    /** Reads one record, or returns null at a clean end of stream. */
    public static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (digits.size() == 0) {
                    return null;
                }
                throw new EOFException("Stream ended inside a RecordIO header");
            }
            if (c < '0' || c > '9' || digits.size() >= MAX_LENGTH_DIGITS) {
                throw new IOException("Malformed RecordIO header");
            }
            digits.write(c);
        }
        int length = Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
        byte[] record = in.readNBytes(length);
        if (record.length != length) {
            throw new EOFException("Stream ended inside a RecordIO record");
        }
        return record;
    }
}
