package org.daqhub.processors.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.daqhub.processors.statistics.Counters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-packet logic of a receiver, driven with hand-made packets (no sockets). */
class FrameCollectorTest {

    private DetectorDefinition eiger;
    private FramePool pool;
    private Counters<ModuleCounter> stats;
    private final List<long[]> done = new ArrayList<>(); // {frame, imageId, packets, missing}
    private FrameCollector collector;
    private long now;

    @BeforeEach
    void setUp() throws Exception {
        eiger = DetectorDefinitions.load(Path.of("config/detectors/eiger-sim.json"));
        pool = new FramePool(0, 8, eiger.packetsPerFrame(), eiger.type().payloadBytes());
        stats = Counters.singleWriter(ModuleCounter.class);
        collector = new FrameCollector(eiger, 0, pool, stats, frame -> {
            done.add(new long[] {frame.frameNumber(), frame.imageId(), frame.packets(), frame.missingPackets()});
            frame.release();
        });
    }

    @Test
    void completeFrameIsDoneWhenItsLastPacketArrives() {
        sendFrame(1, 0, 64);
        assertThat(done).hasSize(1);
        assertThat(done.get(0)).containsExactly(1, 1, 64, 0);
        assertThat(stats.get(ModuleCounter.FRAMES_COMPLETE)).isEqualTo(1);
        assertThat(stats.get(ModuleCounter.PACKETS_RECEIVED)).isEqualTo(64);
    }

    @Test
    void packetsReorderedWithinAndAcrossFramesStillLand() {
        for (int p = 63; p >= 0; p--) {
            send(1, p);
            if (p == 10) {
                send(2, 0); // the next frame starts before this one ends
            }
        }
        sendFrame(2, 1, 64);
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isZero();
        assertThat(stats.get(ModuleCounter.FRAMES_COMPLETE)).isEqualTo(2);
    }

    @Test
    void aThirdFrameFlushesTheOldestWithItsMissingPacketsCounted() {
        sendFrame(1, 0, 60); // 4 packets never come
        sendFrame(2, 0, 64);
        assertThat(done).as("frame 2 is complete but waits for frame 1").isEmpty();
        send(3, 0);
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L);
        assertThat(done.get(0)[3]).isEqualTo(4);
        assertThat(done.get(1)[3]).isZero();
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isEqualTo(4);
        assertThat(stats.get(ModuleCounter.FRAMES_INCOMPLETE)).isEqualTo(1);
        assertThat(stats.get(ModuleCounter.FRAMES_COMPLETE)).isEqualTo(1);
    }

    @Test
    void aFrameCompleteBeforeTheOlderOneLeavesRightAfterIt() {
        sendFrame(1, 0, 60);
        sendFrame(2, 0, 64);
        send(2, 5); // a duplicate of the waiting frame
        sendFrame(1, 60, 64); // frame 1's last packets, reordered behind frame 2
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isZero();
        assertThat(stats.get(ModuleCounter.PACKETS_DUPLICATED)).isEqualTo(1);
        sendFrame(3, 0, 64);
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theTimeoutFlushesTheOlderFrameBeforeAWaitingNewerOne() {
        sendFrame(1, 0, 60);
        now += 60_000_000L;
        sendFrame(2, 0, 64);
        collector.flushExpired(now + 50_000_000L); // frame 1 is 110 ms old: flushed, then frame 2
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L);
        assertThat(done.get(0)[3]).isEqualTo(4);
    }

    @Test
    void flushAllKeepsTheOrder() {
        sendFrame(1, 0, 60);
        sendFrame(2, 0, 64);
        collector.flushAll();
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L);
    }

    @Test
    void timeoutFlushesAnIncompleteFrame() {
        sendFrame(1, 0, 10);
        collector.flushExpired(now + 50_000_000L);
        assertThat(done).isEmpty();
        collector.flushExpired(now + 150_000_000L);
        assertThat(done).hasSize(1);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isEqualTo(54);
    }

    @Test
    void missingPayloadIsZeroedNotStale() {
        ByteBuffer stale = packet(1, 5);
        for (int i = DetectorType.HEADER_BYTES; i < stale.capacity(); i++) {
            stale.put(i, (byte) 0x7F);
        }
        // Fill a pooled frame with 0x7F everywhere, then let a later frame reuse it with packet 5 missing.
        FramePool one = new FramePool(0, 1, eiger.packetsPerFrame(), eiger.type().payloadBytes());
        List<ModuleFrame> kept = new ArrayList<>();
        FrameCollector c = new FrameCollector(eiger, 0, one, Counters.singleWriter(ModuleCounter.class), kept::add);
        for (int p = 0; p < 64; p++) {
            ByteBuffer b = packet(1, p);
            b.put(DetectorType.HEADER_BYTES, stale, DetectorType.HEADER_BYTES, eiger.type().payloadBytes());
            c.accept(b, b.capacity(), now);
        }
        kept.remove(0).release();
        for (int p = 0; p < 64; p++) {
            if (p != 5) {
                ByteBuffer b = packet(2, p);
                c.accept(b, b.capacity(), now);
            }
        }
        c.flushAll();
        ModuleFrame frame = kept.get(0);
        assertThat(frame.missingPackets()).isEqualTo(1);
        assertThat(frame.data().get(5 * 4096)).isZero();
        assertThat(frame.data().get(6 * 4096 - 1)).isZero();
    }

    @Test
    void duplicatesLateAndGapsAreCounted() {
        sendFrame(1, 0, 64);
        send(1, 3); // late: frame 1 is done
        sendFrame(2, 0, 32);
        send(2, 7); // duplicate
        sendFrame(2, 32, 64);
        sendFrame(5, 0, 64); // frames 3 and 4 never showed a packet
        assertThat(stats.get(ModuleCounter.PACKETS_DUPLICATED)).isEqualTo(1);
        assertThat(stats.snapshot().get("packets_late")).isEqualTo(1);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isEqualTo(2 * 64);
        assertThat(done).extracting(f -> f[0]).containsExactly(1L, 2L, 5L);
    }

    @Test
    void garbageIsCountedByReasonAndDropped() {
        ByteBuffer shortPacket = ByteBuffer.allocate(100);
        collector.accept(shortPacket, 100, now);
        ByteBuffer big = ByteBuffer.allocate(9000);
        collector.accept(big, 9000, now);
        ByteBuffer badNumber = packet(1, 64);
        collector.accept(badNumber, badNumber.capacity(), now);
        ByteBuffer noise = ByteBuffer.allocate(eiger.type().packetBytes());
        new java.util.Random(3).nextBytes(noise.array());
        noise.order(ByteOrder.LITTLE_ENDIAN).putInt(PacketHeader.PACKET_NUMBER, 1_000_000);
        collector.accept(noise, noise.capacity(), now);
        var s = stats.snapshot();
        assertThat(s.get("packets_malformed_short")).isEqualTo(1);
        assertThat(s.get("packets_malformed_oversized")).isEqualTo(1);
        assertThat(s.get("packets_malformed_packet_number")).isEqualTo(2);
        assertThat(stats.get(ModuleCounter.PACKETS_RECEIVED)).isZero();
        assertThat(done).isEmpty();
        sendFrame(1, 0, 64);
        assertThat(done).hasSize(1);
    }

    @Test
    void frameNumbersGoingBackIsADetectorRestart() {
        sendFrame(5000, 0, 64);
        sendFrame(1, 0, 64);
        assertThat(stats.snapshot().get("detector_restarts")).isEqualTo(1);
        assertThat(done).extracting(f -> f[0]).containsExactly(5000L, 1L);
    }

    @Test
    void aLoneOldPacketZeroIsAStrayNotARestart() {
        sendFrame(5000, 0, 64);
        send(1, 0); // an old packet 0, alone
        sendFrame(5001, 0, 64);
        assertThat(done).extracting(f -> f[0]).containsExactly(5000L, 5001L);
        Map<String, Long> s = stats.snapshot();
        assertThat(s.get("detector_restarts")).isZero();
        assertThat(s.get("packets_stray_behind")).isEqualTo(1);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isZero();
    }

    @Test
    void aLonePacketFarAheadInventsNoImageAndNoLosses() {
        sendFrame(10, 0, 64);
        send(1_000_010, 5); // a frame number a million ahead, alone
        sendFrame(11, 0, 64);
        sendFrame(12, 0, 64);
        assertThat(done).extracting(f -> f[0]).containsExactly(10L, 11L, 12L);
        assertThat(stats.snapshot().get("packets_stray_ahead")).isEqualTo(1);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isZero();
        assertThat(stats.get(ModuleCounter.FRAMES_INCOMPLETE)).isZero();
    }

    @Test
    void aJumpFarAheadThatTheNextPacketConfirmsIsARestartWithoutInventedLosses() {
        sendFrame(10, 0, 64);
        sendFrame(2_000_000, 0, 64);
        assertThat(done).extracting(f -> f[0]).containsExactly(10L, 2_000_000L);
        assertThat(stats.snapshot().get("detector_restarts")).isEqualTo(1);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).as("the frames in between were never sent").isZero();
        assertThat(done.get(1)).as("its first packet, held until confirmed, is in it").containsExactly(2_000_000, 2_000_000, 64, 0);
    }

    @Test
    void assemblerBehindMeansFramesDroppedAndCountedNotAllocated() {
        List<ModuleFrame> held = new ArrayList<>();
        FrameCollector c = new FrameCollector(eiger, 0, pool, stats, held::add); // never released
        for (long f = 1; f <= 10; f++) {
            for (int p = 0; p < 64; p++) {
                ByteBuffer b = packet(f, p);
                c.accept(b, b.capacity(), now);
            }
        }
        assertThat(held).hasSize(8);
        assertThat(stats.snapshot().get("frames_dropped_no_buffer")).isEqualTo(2);
        assertThat(stats.get(ModuleCounter.PACKETS_LOST)).isEqualTo(2 * 64);
    }

    private void sendFrame(long frame, int from, int to) {
        for (int p = from; p < to; p++) {
            send(frame, p);
        }
    }

    private void send(long frame, int packetNumber) {
        ByteBuffer b = packet(frame, packetNumber);
        collector.accept(b, b.capacity(), now);
    }

    private ByteBuffer packet(long frame, int packetNumber) {
        ByteBuffer b = ByteBuffer.allocate(eiger.type().packetBytes()).order(ByteOrder.LITTLE_ENDIAN);
        PacketHeader.write(b, frame, packetNumber, 0, 0, 0, 1);
        return b;
    }
}
