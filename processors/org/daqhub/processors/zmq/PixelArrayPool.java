package org.daqhub.processors.zmq;

import java.util.concurrent.ArrayBlockingQueue;

import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * Receive buffers for image-sized ZeroMQ messages, reused: jeromq's decoder asks this allocator for
 * each incoming message, and the receiver hands the array back once it has copied the pixels into
 * its image buffer, so a 2 MiB stream does not allocate (and zero) 2 MiB per image. Other sizes,
 * and images while every pooled array is in use (messages queued in the socket), get ordinary
 * arrays. Only the receiving side can pool: it alone knows when jeromq is done with a message.
 */
final class PixelArrayPool implements MsgAllocator {

    private final int imageBytes;
    private final ArrayBlockingQueue<byte[]> free;

    PixelArrayPool(int imageBytes, int capacity) {
        this.imageBytes = imageBytes;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public Msg allocate(int size) {
        if (size != imageBytes) {
            return new Msg(size);
        }
        byte[] array = free.poll();
        return new Msg(array != null ? array : new byte[size]);
    }

    /** The array of a message the receiver has finished with. */
    void release(byte[] array) {
        if (array != null && array.length == imageBytes) {
            free.offer(array);
        }
    }
}
