package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.testing.Api;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small PNG declaring a huge size (a decompression bomb) is refused from its IHDR header, before any pixel is
 * decoded: at once, with the heap essentially untouched. The server runs in this JVM, so its heap is ours.
 */
class PngBombIsRefusedFromItsHeaderTest extends ServerPerClassFixture {

    /** 30000 x 30000 8-bit gray: a 900 MB raster for a decoder that trusts the header. */
    private static final byte[] BOMB = Pngs.bomb(30_000, 30_000, 30);
    private static final long MAX_HEAP_GROWTH = 64L << 20;
    private static final long MAX_MILLIS = 1_000;

    @BeforeAll
    static void warmTheRoute() {
        // warm the route, so the timing below is the refusal's, not the first request's class loading
        api.post("/api/score", "image/png", Pngs.bomb(29, 29, 1));
    }

    @Test
    void aPngDeclaring30000x30000IsAnswered400InMillisecondsWithoutGrowingTheHeap() {
        assertTrue(BOMB.length < 64 * 1024, "the bomb is small: " + BOMB.length + " bytes");
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        long started = System.nanoTime();
        HttpResponse<byte[]> response = api.post("/api/score", "image/png", BOMB);
        long millis = (System.nanoTime() - started) / 1_000_000;

        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertEquals(400, response.statusCode(), new String(response.body()));
        String message = Api.json(response).get("message").asText();
        assertTrue(message.contains("30000x30000") && message.contains("28x28"), message);
        assertTrue(millis < MAX_MILLIS, "refused after " + millis + " ms");
        assertTrue(peak - before < MAX_HEAP_GROWTH,
                "heap grew by " + ((peak - before) >> 20) + " MiB while refusing the bomb");
    }

    @Test
    void aPngWithTheWrongChannelsIsRefusedFromItsHeaderNamingItsLayout() {
        // 28x28 RGBA whose pixel data is missing altogether: only the header can have refused it
        byte[] headerOnly = Pngs.bomb(28, 28, 0);
        headerOnly[8 + 8 + 9] = 6;
        HttpResponse<byte[]> response = api.post("/api/score", "image/png", fixCrc(headerOnly));
        assertEquals(400, response.statusCode());
        String message = Api.json(response).get("message").asText();
        assertTrue(message.contains("8-bit RGBA") && message.contains("3 channels") && message.contains("takes 1"),
                message);
    }

    @Test
    void aHeaderPngDoesNotDefineIsRefusedNamingIt() {
        byte[] png = Pngs.raw(28, 28, 3, 0, new int[28 * 28]);
        HttpResponse<byte[]> response = api.post("/api/score", "image/png", png);
        assertEquals(400, response.statusCode());
        String message = Api.json(response).get("message").asText();
        assertTrue(message.contains("bit depth 3"), message);
    }

    /** The IHDR's CRC after an edit (the service does not check it, but the file stays a valid PNG). */
    private static byte[] fixCrc(byte[] png) {
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }
}
