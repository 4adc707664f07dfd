package org.daqhub.processors.receive;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The copies that assemble an image, worked out once from the geometry, in image order: for each,
 * the module, the offset in its frame, the offset in the image and the length, in parallel arrays
 * so the loop per image touches nothing else. Copies contiguous in both frame and image are merged.
 */
final class CopyPlan {

    private int[] module = new int[64];
    private int[] from = new int[64];
    private int[] to = new int[64];
    private int[] length = new int[64];
    private int size;

    void add(int m, int src, int dst, int len) {
        if (size > 0 && module[size - 1] == m && from[size - 1] + length[size - 1] == src
                && to[size - 1] + length[size - 1] == dst) {
            length[size - 1] += len; // contiguous in both: one copy
            return;
        }
        if (size == module.length) {
            module = Arrays.copyOf(module, size * 2);
            from = Arrays.copyOf(from, size * 2);
            to = Arrays.copyOf(to, size * 2);
            length = Arrays.copyOf(length, size * 2);
        }
        module[size] = m;
        from[size] = src;
        to[size] = dst;
        length[size] = len;
        size++;
    }

    void run(ByteBuffer[] frames, ByteBuffer image) {
        for (int k = 0; k < size; k++) {
            image.put(to[k], frames[module[k]], from[k], length[k]);
        }
    }
}
