package org.daqhub.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrainScannerTest {

    private static boolean scan(String doc) {
        return StrainScanner.isPlainValid(doc.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"h\":[1],\"t\":[0,1]}",
        " {\n\t\"h\" : [ -1.5e-21 , 0 , 2E+3, -0, 12.25e-300 ] ,\r\n \"t\" : [ 1262304000.0 , 0.000244140625 ] } \n",
        "{\"t\": [-5, 1e-3], \"h\": [3]}",
        "{\"h\": [1e308, -1e308], \"t\": [0, 1]}",
    })
    void usualDocumentsAreValidAndStoredAsSent(String doc) throws Exception {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        assertThat(StrainScanner.isPlainValid(bytes)).isTrue();
        assertThat(StrainDocument.check(bytes)).isSameAs(bytes);
        assertThat(StrainDocument.checkFully(bytes)).isSameAs(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "[]", "{}", "{\"h\":[1]}", "{\"t\":[0,1]}",
        "{\"h\":[],\"t\":[0,1]}",                  // empty
        "{\"h\":[1e400],\"t\":[0,1]}",             // not finite
        "{\"h\":[-1e999],\"t\":[0,1]}",
        "{\"h\":[NaN],\"t\":[0,1]}",
        "{\"h\":[01],\"t\":[0,1]}",                // leading zero
        "{\"h\":[1.],\"t\":[0,1]}",
        "{\"h\":[.5],\"t\":[0,1]}",
        "{\"h\":[1e],\"t\":[0,1]}",
        "{\"h\":[+1],\"t\":[0,1]}",
        "{\"h\":[1,],\"t\":[0,1]}",
        "{\"h\":[1 2],\"t\":[0,1]}",
        "{\"h\":[\"1\"],\"t\":[0,1]}",
        "{\"h\":[[1]],\"t\":[0,1]}",
        "{\"h\":[1],\"t\":[0,0]}",                 // dt = 0
        "{\"h\":[1],\"t\":[0,-1]}",
        "{\"h\":[1],\"t\":[0,1,2]}",
        "{\"h\":[1],\"t\":[1e999,1]}",
        "{\"h\":[1],\"t\":[0,1]} x",               // text after the object
        "{\"h\":[1],\"t\":[0,1]",                  // truncated
        "{\"h\":[1],\"t\":[0,1],\"u\":1}",         // another field: stored without it, by the full check
        "{\"h\":[1],\"h\":[2],\"t\":[0,1]}",
        "{\"\\u0068\":[1],\"t\":[0,1]}",           // an escape in a name
        "{\"hh\":[1],\"t\":[0,1]}",
    })
    void anythingElseIsLeftToTheFullCheck(String doc) {
        assertThat(scan(doc)).isFalse();
    }

    @Test
    void aRealDocumentOf16384SamplesIsValid() {
        assertThat(scan(StrainDocuments.of(16_384, 7))).isTrue();
    }

    /**
     * Random damage to valid documents: the scanner accepts exactly what the full check accepts and
     * stores unchanged (duplicate fields and escaped names, which it also leaves to the full check,
     * cannot come out of this alphabet).
     */
    @Test
    void theScannerNeverAcceptsWhatTheFullCheckRefuses() throws Exception {
        byte[] original = "{\"h\": [1.5e-21, -2, 0.25, 3E+2], \"t\": [1262304000.0, 0.000244140625]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[],:\"ht0123456789-+.eE \n\tNax".getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(1);
        int accepted = 0;
        for (int n = 0; n < 50_000; n++) {
            byte[] doc = original.clone();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                doc[random.nextInt(doc.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            if (random.nextInt(10) == 0) {
                doc = java.util.Arrays.copyOf(doc, random.nextInt(doc.length));
            }
            if (StrainScanner.isPlainValid(doc)) {
                accepted++;
                assertThat(StrainDocument.checkFully(doc)).as(new String(doc, StandardCharsets.UTF_8)).isSameAs(doc);
            } else {
                assertThat(fullCheckStoresUnchanged(doc)).as("left to the full check: " + new String(doc, StandardCharsets.UTF_8))
                        .isFalse();
            }
        }
        assertThat(accepted).isGreaterThan(1000);
    }

    /** Whether the full check accepts the document and stores it as sent (what the scanner is for). */
    private static boolean fullCheckStoresUnchanged(byte[] doc) throws Exception {
        try {
            return StrainDocument.checkFully(doc) == doc;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    @Test
    void theFullCheckStillNamesTheProblem() {
        assertThatThrownBy(() -> StrainDocument.check("{\"h\":[],\"t\":[0,1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("h is empty");
    }

    @Test
    void eightDigitsAtOnceAcceptsOnlyDigitsInEveryByte() {
        long digits = 0x3736353433323130L; // "01234567", little-endian
        assertThat(StrainScanner.eightDigits(digits)).isTrue();
        for (int position = 0; position < 8; position++) {
            for (int v = 0; v < 256; v++) {
                long x = (digits & ~(0xFFL << (8 * position))) | ((long) v << (8 * position));
                assertThat(StrainScanner.eightDigits(x)).as("byte %d = 0x%02x", position, v)
                        .isEqualTo(v >= '0' && v <= '9');
            }
        }
    }

    @Test
    void longRunsOfDigitsAndRunsEndingAtEveryOffsetAreRead() {
        for (int n = 1; n <= 40; n++) {
            String number = "1." + "7".repeat(n);
            String doc = "{\"h\":[" + number + "," + number + "e-2" + "],\"t\":[0,1]}";
            assertThat(StrainScanner.isPlainValid(doc.getBytes(StandardCharsets.US_ASCII))).as(doc).isTrue();
            String bad = "{\"h\":[" + number + "x],\"t\":[0,1]}";
            assertThat(StrainScanner.isPlainValid(bad.getBytes(StandardCharsets.US_ASCII))).as(bad).isFalse();
        }
    }
}
