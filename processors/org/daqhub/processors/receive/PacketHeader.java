package org.daqhub.processors.receive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 48-byte little-endian header of SLS detector UDP packets (std_daq's {@code det_header}).
 * Static accessors read a packet in place, so the receive loop allocates nothing.
 */
public final class PacketHeader {

    public static final int FRAME_NUMBER = 0;    // u64
    public static final int EXPTIME = 8;         // u32
    public static final int PACKET_NUMBER = 12;  // u32
    public static final int BUNCH_ID = 16;       // f64: std_daq's packet structs declare "double bunchid"
    public static final int TIMESTAMP = 24;      // u64
    public static final int MODULE_ID = 32;      // u16
    public static final int ROW = 34;            // u16
    public static final int COLUMN = 36;         // u16
    public static final int Z_COORD = 38;        // u16
    public static final int DEBUG = 40;          // u32 (detSpec3)
    public static final int ROUND_ROBIN = 44;    // u16
    public static final int DET_TYPE = 46;       // u8
    public static final int VERSION = 47;        // u8

    private PacketHeader() {
    }

    public static long frameNumber(ByteBuffer packet) {
        return packet.order(ByteOrder.LITTLE_ENDIAN).getLong(FRAME_NUMBER);
    }

    public static long packetNumber(ByteBuffer packet) {
        return Integer.toUnsignedLong(packet.order(ByteOrder.LITTLE_ENDIAN).getInt(PACKET_NUMBER));
    }

    /**
     * The bunch id (a Jungfrau's image id), a double on the wire as std_daq's structs declare it and
     * its simulator sends it; whole numbers up to 2^53 are exact.
     */
    public static long bunchId(ByteBuffer packet) {
        return (long) packet.order(ByteOrder.LITTLE_ENDIAN).getDouble(BUNCH_ID);
    }

    public static long timestamp(ByteBuffer packet) {
        return packet.order(ByteOrder.LITTLE_ENDIAN).getLong(TIMESTAMP);
    }

    public static int moduleId(ByteBuffer packet) {
        return Short.toUnsignedInt(packet.order(ByteOrder.LITTLE_ENDIAN).getShort(MODULE_ID));
    }

    /** Writes a header (used by the simulator and tests); the buffer's other bytes are untouched. */
    public static void write(ByteBuffer packet, long frameNumber, int packetNumber, long bunchId, long timestamp,
            int moduleId, int detType) {
        ByteBuffer b = packet.order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(FRAME_NUMBER, frameNumber);
        b.putInt(EXPTIME, 0);
        b.putInt(PACKET_NUMBER, packetNumber);
        b.putDouble(BUNCH_ID, bunchId);
        b.putLong(TIMESTAMP, timestamp);
        b.putShort(MODULE_ID, (short) moduleId);
        b.putShort(ROW, (short) 0);
        b.putShort(COLUMN, (short) 0);
        b.putShort(Z_COORD, (short) 0);
        b.putInt(DEBUG, 0);
        b.putShort(ROUND_ROBIN, (short) 0);
        b.put(DET_TYPE, (byte) detType);
        b.put(VERSION, (byte) 1);
    }
}
