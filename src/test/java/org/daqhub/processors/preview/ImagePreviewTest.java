package org.daqhub.processors.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.daqhub.processors.receive.PixelType;
import org.junit.jupiter.api.Test;

class ImagePreviewTest {

    @Test
    void anImageThatFitsIsShownPixelForPixel() {
        ByteBuffer image = image16(3, 4, (y, x) -> 1000 * y + x);
        ImagePreview p = ImagePreview.of(image, PixelType.UINT16, 3, 4, 512);
        assertThat(p.bin()).isEqualTo(1);
        assertThat(p.width()).isEqualTo(4);
        assertThat(p.height()).isEqualTo(3);
        assertThat(p.values()).containsExactly(0, 1, 2, 3, 1000, 1001, 1002, 1003, 2000, 2001, 2002, 2003);
        assertThat(p.min()).isEqualTo(0);
        assertThat(p.max()).isEqualTo(2003);
    }

    @Test
    void eachPreviewPixelIsTheMeanOfItsBlockIncludingPartialEdgeBlocks() {
        // 5 x 5 down to at most 2 per side: bin 3, blocks 3x3, 3x2, 2x3, 2x2
        ByteBuffer image = image16(5, 5, (y, x) -> y * 5 + x);
        ImagePreview p = ImagePreview.of(image, PixelType.UINT16, 5, 5, 2);
        assertThat(p.bin()).isEqualTo(3);
        assertThat(p.width()).isEqualTo(2);
        assertThat(p.height()).isEqualTo(2);
        assertThat(p.values()[0]).isEqualTo(mean(0, 1, 2, 5, 6, 7, 10, 11, 12));
        assertThat(p.values()[1]).isEqualTo(mean(3, 4, 8, 9, 13, 14));
        assertThat(p.values()[2]).isEqualTo(mean(15, 16, 17, 20, 21, 22));
        assertThat(p.values()[3]).isEqualTo(mean(18, 19, 23, 24));
    }

    @Test
    void unsignedValuesOfEveryPixelSizeAreRead() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xFF, 1});
        assertThat(ImagePreview.of(bytes, PixelType.UINT8, 1, 2, 8).values()).containsExactly(255, 1);
        ByteBuffer shorts = image16(1, 1, (y, x) -> 0xFFFF);
        assertThat(ImagePreview.of(shorts, PixelType.UINT16, 1, 1, 8).values()).containsExactly(65535);
        ByteBuffer ints = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xFFFFFFF0);
        assertThat(ImagePreview.of(ints, PixelType.UINT32, 1, 1, 8).values()[0]).isEqualTo(4294967280f);
        ByteBuffer floats = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, -2.5f);
        assertThat(ImagePreview.of(floats, PixelType.FLOAT32, 1, 1, 8).values()).containsExactly(-2.5f);
    }

    @Test
    void theFloatsAreLittleEndianRowMajor() {
        ImagePreview p = ImagePreview.of(image16(1, 2, (y, x) -> x + 7), PixelType.UINT16, 1, 2, 8);
        ByteBuffer out = ByteBuffer.wrap(p.littleEndianFloats()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.getFloat(0)).isEqualTo(7f);
        assertThat(out.getFloat(4)).isEqualTo(8f);
    }

    @Test
    void anImpossibleSizeIsRefusedByName() {
        assertThatThrownBy(() -> ImagePreview.of(ByteBuffer.allocate(2), PixelType.UINT16, 1, 1, 0)).hasMessageContaining("at least 1");
    }

    private interface Pixel {
        int value(int y, int x);
    }

    private static ByteBuffer image16(int height, int width, Pixel pixel) {
        ByteBuffer b = ByteBuffer.allocate(height * width * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                b.putShort((y * width + x) * 2, (short) pixel.value(y, x));
            }
        }
        return b;
    }

    private static float mean(int... values) {
        double sum = 0;
        for (int v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }
}
