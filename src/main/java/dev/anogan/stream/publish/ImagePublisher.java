package dev.anogan.stream.publish;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.png.PngHeader;
import dev.anogan.stream.png.PngImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one PNG image as its tiles, keyed by the image id (so that an image's tiles share a partition), and
 * waits until the broker has them all. The image id is the file name and the capture time, so that publishing the
 * same file again is a new image. The producer is the caller's.
 */
public final class ImagePublisher {

    private final Producer<byte[], ImagePatch> producer;
    private final String topic;
    private final ImageTiler tiler;
    private final int channels;

    /** @param channels the model's channels: images with others are refused */
    public ImagePublisher(Producer<byte[], ImagePatch> producer, String topic, ImageTiler tiler, int channels) {
        this.producer = producer;
        this.topic = topic;
        this.tiler = tiler;
        this.channels = channels;
    }

    /**
     * Reads, tiles and publishes {@code file}.
     *
     * @throws IllegalArgumentException when it is not a PNG the model can take, saying why
     * @throws IOException              when it cannot be read
     * @throws ExecutionException       when the broker did not take a tile
     */
    public PublishedImage publish(Path file) throws IOException, ExecutionException, InterruptedException {
        byte[] png = Files.readAllBytes(file);
        PngHeader header = PngHeader.read(png);
        if (header.channels() != channels) {
            throw new IllegalArgumentException("the PNG (" + header.describe() + ") has " + header.channels()
                    + " channels but the model takes " + channels);
        }
        Instant captureTime = Instant.now();
        String imageId = file.getFileName() + "@" + captureTime;
        List<ImagePatch> tiles = tiler.tiles(imageId, PngImages.decode(png, header), captureTime,
                Map.of("file", file.toString()));
        byte[] key = imageId.getBytes(StandardCharsets.UTF_8);
        List<Future<RecordMetadata>> sent = new ArrayList<>(tiles.size());
        for (ImagePatch tile : tiles) {
            sent.add(producer.send(new ProducerRecord<>(topic, key, tile)));
        }
        for (Future<RecordMetadata> ack : sent) {
            ack.get();
        }
        return new PublishedImage(imageId, header, tiles.size());
    }

    /**
     * An image on the topic.
     *
     * @param imageId its id in the patches
     * @param header  its size and layout
     * @param patches tiles published
     */
    public record PublishedImage(String imageId, PngHeader header, int patches) {
    }
}
