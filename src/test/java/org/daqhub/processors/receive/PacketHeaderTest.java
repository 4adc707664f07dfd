package org.daqhub.processors.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The packet header as std_daq's structs lay it out (JFUdpPacket: u64 framenum, u32 exptime, u32 packetnum, double bunchid, ...). */
class PacketHeaderTest {

    @Test
    void theBunchIdIsADoubleAsStdDaqDeclaresIt() {
        // as std_daq's simulator fills a packet: packet.bunchid = (double) pulse id
        ByteBuffer packet = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        packet.putLong(0, 5).putInt(12, 3).putDouble(16, 1_000_005.0).putLong(24, 77).putShort(32, (short) 2);
        assertThat(PacketHeader.frameNumber(packet)).isEqualTo(5);
        assertThat(PacketHeader.packetNumber(packet)).isEqualTo(3);
        assertThat(PacketHeader.bunchId(packet)).isEqualTo(1_000_005);
        assertThat(PacketHeader.timestamp(packet)).isEqualTo(77);
        assertThat(PacketHeader.moduleId(packet)).isEqualTo(2);
    }

    @Test
    void whatTheHubWritesStdDaqReadsTheSameWay() {
        ByteBuffer packet = ByteBuffer.allocate(48);
        PacketHeader.write(packet, 9, 1, 1_000_009, 0, 0, 0);
        assertThat(packet.order(ByteOrder.LITTLE_ENDIAN).getDouble(16)).isEqualTo(1_000_009.0);
    }
}
