package org.daqhub.datastore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Recognises, in one pass over the bytes, the documents clients actually send: a JSON object with
 * exactly the fields {@code h} (a non-empty array of finite numbers) and {@code t} (two finite
 * numbers, dt &gt; 0), in either order, any JSON whitespace, no escapes in the field names.
 *
 * <p>Jackson's tokeniser took almost all of the CPU of a {@code /streamdata} request (16,384 numbers
 * a document, bench/RESULTS.md); this loop does the same check several times faster. It only ever
 * says "valid" for a document the full check accepts unchanged; anything else (an error, an extra
 * field, an escape) is left to {@link StrainDocument}'s full check, which names the problem, so
 * answers and error messages do not depend on which path ran.
 */
final class StrainScanner {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] b;
    private int i;

    private StrainScanner(byte[] body) {
        this.b = body;
    }

    /** Whether {@code body} is a valid document of just h and t, to be stored as it is. */
    static boolean isPlainValid(byte[] body) {
        try {
            return new StrainScanner(body).document();
        } catch (ArrayIndexOutOfBoundsException e) {
            return false; // ran off the end: truncated; the full check says where
        }
    }

    private boolean document() {
        ws();
        if (b[i++] != '{') {
            return false;
        }
        boolean h = false;
        boolean t = false;
        for (int field = 0; field < 2; field++) {
            if (field == 1 && !comma()) {
                return false;
            }
            ws();
            if (b[i] != '"' || b[i + 2] != '"') {
                return false;
            }
            byte name = b[i + 1];
            i += 3;
            ws();
            if (b[i++] != ':') {
                return false;
            }
            ws();
            if (name == 'h' && !h) {
                h = samples();
                if (!h) {
                    return false;
                }
            } else if (name == 't' && !t) {
                t = timing();
                if (!t) {
                    return false;
                }
            } else {
                return false;
            }
        }
        ws();
        if (b[i++] != '}') {
            return false;
        }
        while (i < b.length) {
            if (!isWs(b[i++])) {
                return false;
            }
        }
        return true;
    }

    private boolean comma() {
        ws();
        return b[i++] == ',';
    }

    private boolean samples() {
        if (b[i++] != '[') {
            return false;
        }
        ws();
        if (b[i] == ']') {
            return false; // empty: the full check answers "h is empty"
        }
        while (true) {
            int start = i;
            int exponentDigits = number();
            if (exponentDigits < 0) {
                return false;
            }
            if (StrainDocument.mayOverflow(i - start, exponentDigits) && !Double.isFinite(parse(start, i))) {
                return false;
            }
            ws();
            byte c = b[i++];
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            ws();
        }
    }

    private boolean timing() {
        if (b[i++] != '[') {
            return false;
        }
        ws();
        int start = i;
        if (number() < 0) {
            return false;
        }
        double t0 = parse(start, i);
        if (!comma()) {
            return false;
        }
        ws();
        start = i;
        if (number() < 0) {
            return false;
        }
        double dt = parse(start, i);
        ws();
        return b[i++] == ']' && Double.isFinite(t0) && Double.isFinite(dt) && dt > 0;
    }

    /**
     * Reads one JSON number ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}); answers the
     * number of digits of its exponent (0 when it has none), or -1 when it is not a number.
     */
    private int number() {
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else if (digits() == 0) {
            return -1;
        }
        if (b[i] == '.') {
            i++;
            if (digits() == 0) {
                return -1;
            }
        }
        if (b[i] == 'e' || b[i] == 'E') {
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            int n = digits();
            return n == 0 ? -1 : n;
        }
        return 0;
    }

    private int digits() {
        byte[] a = b;
        int start = i;
        int p = start;
        // Eight bytes at a time while all are digits (a sample's mantissa is 15-17 digits), then
        // byte by byte; locals, so the loop does not store the position on every byte.
        while (p + 8 <= a.length && eightDigits((long) LONGS.get(a, p))) {
            p += 8;
        }
        while (((a[p] - '0') & 0xFF) < 10) {
            p++;
        }
        i = p;
        return p - start;
    }

    /**
     * Whether all eight bytes are ASCII digits: each high nibble is 3, and adding 6 carries no byte
     * out of the 0x30-0x39 range (the test simdjson uses).
     */
    static boolean eightDigits(long x) {
        return ((x & 0xF0F0F0F0F0F0F0F0L) | (((x + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    private double parse(int start, int end) {
        return Double.parseDouble(new String(b, start, end - start, StandardCharsets.US_ASCII));
    }

    private void ws() {
        while (isWs(b[i])) {
            i++;
        }
    }

    private static boolean isWs(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
